using Microsoft.CodeAnalysis;

namespace CamAgent.DeviceBuild.Shapes;

/// <summary>A reference assembly compiled from one section of the shape list.</summary>
public sealed record GeneratedReference(ShapeAssembly Shape, byte[] Image, MetadataReference Reference);
