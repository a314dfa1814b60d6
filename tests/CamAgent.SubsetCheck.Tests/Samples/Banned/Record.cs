namespace Samples
{
    public record Segment(int Sequence); // expect: NFS001, NFS002
}
