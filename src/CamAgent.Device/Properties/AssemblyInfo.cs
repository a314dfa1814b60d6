using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("CamAgent.Device")]
[assembly: AssemblyDescription("CamAgent evidence sealing and upload agent for nanoFramework")]
[assembly: AssemblyProduct("CamAgent")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
