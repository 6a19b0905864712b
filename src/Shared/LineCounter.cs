// One line counter for the suite reader (PromptGen.Evaluation) and the configuration-file check (PromptGen.Cli): this file
// is compiled into both (a linked <Compile>), so suite and configuration errors count lines and columns the same way.

namespace PromptGen;

/// <summary>
/// Turns increasing byte offsets into 1-based lines and columns (in UTF-16 characters, as editors count) in one
/// pass over the file: the column is counted along, never again from the start of the line, so a minified
/// one-line suite of any size costs one pass.
/// </summary>
internal sealed class LineCounter(byte[] bytes)
{
    private int _offset;
    private int _line = 1;
    private int _column;

    public (int Line, int Column) At(int offset)
    {
        for (; _offset < offset; _offset++)
        {
            var b = bytes[_offset];
            if (b == '\n')
            {
                _line++;
                _column = 0;
            }
            else if ((b & 0xC0) != 0x80)
            {
                // A lead byte starts a character; a four-byte sequence is a surrogate pair in UTF-16.
                _column += b >= 0xF0 ? 2 : 1;
            }
        }

        return (_line, _column + 1);
    }
}
