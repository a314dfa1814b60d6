// The discard split over two lines keeps its marker inside the statement, not on it: that
// discard has no reason, the two after it have theirs.
namespace Samples
{
    public enum SaveStatus
    {
        Ok,
        Failed,
    }

    public sealed class SaveResult
    {
        public bool IsOk;
    }

    public sealed class Journal
    {
        public SaveStatus Save() => SaveStatus.Ok;

        public SaveResult Commit() => new SaveResult();

        public bool TrySave() => true;

        public void Run()
        {
            Save(); // expect: NFS019
            Commit(); // expect: NFS019
            _ = Save( // expect: NFS019
                );
            _ = Save(); // the journal is rewritten on the next boot anyway
            // A failed save is retried by the caller's next pass.
            _ = Commit();
            TrySave();
            if (Save() != SaveStatus.Ok)
            {
                return;
            }

            SaveStatus status = Save();
            if (status == SaveStatus.Failed)
            {
                return;
            }
        }
    }
}
