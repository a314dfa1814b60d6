namespace Samples
{
    public sealed class Box<T> // expect: NFS001
    {
        private T _value; // expect: NFS001

        public void Put(T value) // expect: NFS001
        {
            _value = value; // expect: NFS001
        }
    }
}
