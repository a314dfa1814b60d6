using System.Collections;
using CamAgent.Core.Evidence;
using CamAgent.Core.Text;
using CamAgent.Core.Upload;
using CamAgent.Device.TestPorts.Pki;
using CamAgent.Device.TestPorts.Platform;

namespace CamAgent.Device.TestPorts.Tus
{
    /// <summary>
    /// The agency's ingest server as the device tests need it, behind <see cref="TestTlsConnector"/>:
    /// tus 1.0.0 core + creation as docs/upload-protocol.md profiles it. Creation verifies the
    /// manifest (device certificate, ES256 signature, device id), refuses a second manifest for a
    /// sequence and a broken chain link (for a power-loss record, the link k + 1 back); PATCH keeps
    /// the bytes that arrived even when the link breaks mid-body; the completing PATCH checks the
    /// content digest and answers with a receipt signed by the receipt key, which HEAD and a repeated
    /// creation hand out again. The script: <see cref="CutNextPatchAfterBodyBytes"/>. Every request
    /// and every refusal is logged for the scenario's assertions.
    /// </summary>
    public sealed partial class ScriptedTusServer
    {
        private const int SequenceDigits = 20;

        private readonly TestPki _pki;
        private readonly ScenarioClocks _clocks;
        private readonly RecordIntake _intake;
        private readonly ReceiptIssuer _issuer;
        private readonly ArrayList _uploads = new ArrayList();
        private readonly ArrayList _requests = new ArrayList();
        private readonly ArrayList _refusals = new ArrayList();
        private int _cutAfterBodyBytes = -1;

        public ScriptedTusServer(TestPki pki, ScenarioClocks clocks)
        {
            _pki = pki;
            _clocks = clocks;
            _intake = new RecordIntake(TestPki.DeviceId, pki.DeviceCertificateDer, pki.DevicePublicKey);
            _issuer = new ReceiptIssuer(pki.ReceiptKey, pki.ReceiptCertificateDer);
        }

        /// <summary>Every request, in arrival order (<see cref="ServerRequest"/>).</summary>
        public ArrayList Requests
        {
            get { return _requests; }
        }

        /// <summary>Every refusal as "code (context)", in order.</summary>
        public ArrayList Refusals
        {
            get { return _refusals; }
        }

        /// <summary>Connections the device opened.</summary>
        public int Connections { get; private set; }

        /// <summary>Links cut by the script.</summary>
        public int Cuts { get; private set; }

        /// <summary>The upload offset at which the last cut left the record (-1: no cut yet).</summary>
        public long OffsetAtLastCut { get; private set; }

        public int ReceiptsIssued { get; private set; }

        /// <summary>Records created (receipted or not).</summary>
        public int RecordCount
        {
            get { return _uploads.Count; }
        }

        /// <summary>The next PATCH body breaks off after <paramref name="bodyBytes"/> bytes: the server keeps them and the device's connection fails.</summary>
        public void CutNextPatchAfterBodyBytes(int bodyBytes)
        {
            _cutAfterBodyBytes = bodyBytes;
        }

        /// <summary>The record the device created with <paramref name="sequence"/>, or null.</summary>
        public StoredUpload Find(long sequence)
        {
            for (int i = 0; i < _uploads.Count; i++)
            {
                StoredUpload upload = (StoredUpload)_uploads[i];
                if (upload.Sequence == sequence)
                {
                    return upload;
                }
            }

            return null;
        }

        /// <summary>True when a receipted record holds exactly <paramref name="content"/>; its sequence in <paramref name="sequence"/>.</summary>
        public bool HoldsReceipted(byte[] content, out long sequence)
        {
            for (int i = 0; i < _uploads.Count; i++)
            {
                StoredUpload upload = (StoredUpload)_uploads[i];
                if (upload.Receipt != null && upload.ContentEquals(content))
                {
                    sequence = upload.Sequence;
                    return true;
                }
            }

            sequence = -1;
            return false;
        }

        /// <summary>
        /// True when every sequence from 0 to the highest is receipted here or declared skipped by a
        /// power-loss record (docs/evidence-format.md §5.1); otherwise <paramref name="gap"/> says what is missing.
        /// </summary>
        public bool ChainIsComplete(out string gap)
        {
            long highest = -1;
            for (int i = 0; i < _uploads.Count; i++)
            {
                long sequence = ((StoredUpload)_uploads[i]).Sequence;
                highest = sequence > highest ? sequence : highest;
            }

            for (long sequence = 0; sequence <= highest; sequence++)
            {
                StoredUpload upload = Find(sequence);
                if (upload == null ? !IsDeclaredSkipped(sequence) : upload.Receipt == null)
                {
                    gap = "record " + sequence.ToString() + (upload == null ? " is missing and no power-loss record declares it" : " has no receipt");
                    return false;
                }
            }

            gap = null;
            return true;
        }

        internal ServerConnection Accept()
        {
            Connections++;
            return new ServerConnection(this);
        }

        /// <summary>Answers a request without a body to keep (POST, HEAD, anything else).</summary>
        internal byte[] Handle(RequestHead head)
        {
            if (head.Field(TusHeaders.TusResumable) != TusHeaders.ProtocolVersion)
            {
                return Refuse(head.Method, -1, 412, ErrorCodes.TusVersionUnsupported, string.Empty);
            }

            if (head.Method == "POST" && head.Target == TusHeaders.CreationPath)
            {
                return Create(head);
            }

            StoredUpload upload = UploadAt(head.Target);
            if (head.Method != "HEAD")
            {
                return Refuse(head.Method, -1, 405, ErrorCodes.MethodNotAllowed, string.Empty);
            }

            if (upload == null)
            {
                return Refuse("HEAD", -1, 404, ErrorCodes.UnknownUpload, string.Empty);
            }

            _requests.Add(new ServerRequest("HEAD", upload.Sequence, -1));
            return ServerResponse.Build(200, "OK", OffsetField(upload) + ServerResponse.Field(TusHeaders.UploadLength, upload.Length.ToString())
                + ServerResponse.Field("Cache-Control", "no-store") + ReceiptField(upload));
        }

        private byte[] Create(RequestHead head)
        {
            string metadata = head.Field(TusHeaders.UploadMetadata);
            string prefix = TusHeaders.ManifestMetadataKey + " ";
            byte[] manifestBytes;
            if (metadata == null || !metadata.StartsWith(prefix) || !Base64.TryDecode(metadata.Substring(prefix.Length), UploadLimits.MaxManifestBytes, out manifestBytes))
            {
                return Refuse("POST", -1, 400, ErrorCodes.ManifestMissing, string.Empty);
            }

            Manifest record = new Manifest();
            string refusal = _intake.CheckManifest(manifestBytes, record);
            if (refusal != null)
            {
                return Refuse("POST", -1, refusal == ErrorCodes.ManifestCertificateMismatch || refusal == ErrorCodes.DeviceIdMismatch ? 403 : 400, refusal, string.Empty);
            }

            _requests.Add(new ServerRequest("POST", record.Sequence, -1));
            if (head.Number(TusHeaders.UploadLength) != record.ContentLength)
            {
                return Refuse("POST", record.Sequence, 400, ErrorCodes.LengthMismatch, string.Empty);
            }

            StoredUpload upload = Find(record.Sequence);
            if (upload != null)
            {
                // Idempotent creation (docs/upload-protocol.md §3.2): same bytes, same answer.
                return SameManifest(upload.ManifestBytes, manifestBytes)
                    ? Created(upload)
                    : Refuse("POST", record.Sequence, 409, ErrorCodes.SequenceConflict, string.Empty);
            }

            refusal = CheckLink(record);
            if (refusal != null)
            {
                return Refuse("POST", record.Sequence, 409, ErrorCodes.ChainLinkMismatch, refusal);
            }

            upload = new StoredUpload(TestPki.DeviceId + "-" + record.Sequence.ToString().PadLeft(SequenceDigits, '0'), manifestBytes, record);
            _uploads.Add(upload);
            if (upload.Length == 0)
            {
                Complete(upload);
            }

            return Created(upload);
        }

        private byte[] Created(StoredUpload upload)
        {
            return ServerResponse.Build(201, "Created", ServerResponse.Field(TusHeaders.Location, TusHeaders.CreationPath + upload.Id) + OffsetField(upload) + ReceiptField(upload));
        }

        private StoredUpload UploadAt(string target)
        {
            for (int i = 0; i < _uploads.Count; i++)
            {
                StoredUpload upload = (StoredUpload)_uploads[i];
                if (target == TusHeaders.CreationPath + upload.Id)
                {
                    return upload;
                }
            }

            return null;
        }

        private void Complete(StoredUpload upload)
        {
            upload.Receipt = _issuer.Issue(upload, _clocks.AgencyUnixMs);
            ReceiptsIssued++;
        }

        private byte[] Refuse(string method, long sequence, int status, string code, string context)
        {
            _refusals.Add(method + " " + sequence.ToString() + ": " + status.ToString() + " " + code + (context.Length > 0 ? " (" + context + ")" : string.Empty));
            return ServerResponse.Error(status, code, string.Empty);
        }

        private static string OffsetField(StoredUpload upload)
        {
            return ServerResponse.Field(TusHeaders.UploadOffset, upload.Offset.ToString());
        }

        private static string ReceiptField(StoredUpload upload)
        {
            return upload.Receipt == null ? string.Empty : ServerResponse.Field(TusHeaders.Receipt, System.Convert.ToBase64String(upload.Receipt));
        }

        private static bool SameManifest(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
