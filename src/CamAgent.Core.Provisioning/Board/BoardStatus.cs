namespace CamAgent.Core.Board
{
    /// <summary>Outcome of reading a board profile (docs/boards.md). Values are logged; never renumber.</summary>
    public enum BoardStatus
    {
        Ok = 0,

        /// <summary>Not one flat JSON object of strings, integers and booleans (RFC 8259 subset).</summary>
        MalformedJson = 1,

        /// <summary>A field this firmware does not know (a misspelt field must not be ignored).</summary>
        UnknownField = 2,

        /// <summary>A field given twice.</summary>
        DuplicateField = 3,

        /// <summary>A field the device needs is absent.</summary>
        MissingField = 4,

        /// <summary>A field has the wrong JSON type or a value outside what the device supports.</summary>
        InvalidValue = 5,

        /// <summary>The schema is not camagent-board/1.</summary>
        UnsupportedSchema = 6,
    }
}
