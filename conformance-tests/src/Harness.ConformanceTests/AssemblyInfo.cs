// How many scenarios run at once is a run setting (NUnit.NumberOfTestWorkers in conformance.runsettings), not
// fixed here, so a CI job against a rate-limited target can lower it without a rebuild.
