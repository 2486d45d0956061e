global using System.Net;
global using System.Text;
global using System.Text.Json.Nodes;
global using FluentAssertions;
global using Harness.MockServer.Hosting;
global using Harness.MockServer.Tests.Support;
global using NUnit.Framework;
global using Harness.Scenarios.Model;
