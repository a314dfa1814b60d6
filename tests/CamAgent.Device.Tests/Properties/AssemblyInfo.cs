using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("CamAgent.Device.Tests")]
[assembly: AssemblyDescription("Golden vectors through the linked CamAgent Core on nanoFramework")]
[assembly: AssemblyProduct("CamAgent")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
