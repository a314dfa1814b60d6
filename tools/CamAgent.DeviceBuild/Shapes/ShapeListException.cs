namespace CamAgent.DeviceBuild.Shapes;

/// <summary>The shape list is malformed or does not compile into reference assemblies.</summary>
public sealed class ShapeListException : Exception
{
    public ShapeListException(string message)
        : base(message)
    {
    }

    public ShapeListException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
