namespace Harness.Scenarios.Model;

/// <summary>The JSON types a field may take; <see cref="Jwt"/> is a string that must parse as a signed JWT.</summary>
public enum FieldType
{
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Null,
    Jwt,

    /// <summary>A string holding a whole number (Software AG documents <c>expires_in</c> as a String).</summary>
    NumericString,

    /// <summary>An array of <c>{"name": ..., "value": ...}</c> objects (the AGS <c>parameters</c>).</summary>
    NameValueArray,

    /// <summary>An envelope member that is empty on failure: "", [], {} or null.</summary>
    Empty,
}
