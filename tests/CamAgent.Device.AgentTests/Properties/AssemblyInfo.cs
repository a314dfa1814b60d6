using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("CamAgent.Device.AgentTests")]
[assembly: AssemblyDescription("The shipped CamAgent agent loop end to end on nanoFramework, on in-memory ports")]
[assembly: AssemblyProduct("CamAgent")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
