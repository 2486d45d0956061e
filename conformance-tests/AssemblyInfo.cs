using NUnit.Framework;

[assembly: LevelOfParallelism(4)]
