global using System.Net;
global using System.Text.Json;
global using System.Text.RegularExpressions;
global using Harness.MockServer.Hosting;
global using Microsoft.Playwright;
global using NUnit.Framework;
global using static Microsoft.Playwright.Assertions;
global using System.Net.Http.Json;
