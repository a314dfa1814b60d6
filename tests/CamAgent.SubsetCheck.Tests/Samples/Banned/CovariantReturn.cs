namespace Samples
{
    public class Node
    {
        public virtual Node Copy() => new Node();
    }

    public sealed class Leaf : Node
    {
        public override Leaf Copy() => new Leaf(); // expect: NFS013
    }
}
