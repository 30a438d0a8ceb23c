using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Stories;

/// <summary>
/// What a story's attachment may be, read from its first bytes (never from the name or the type the client claims):
/// PNG, JPEG, GIF, WebP or PDF, at most <see cref="MaxBytes"/>. SVG, HTML and everything else are refused, so nothing
/// served from a story can carry script.
/// </summary>
public static class AttachmentRules
{
    /// <summary>4 MiB: a phone photo or a short report.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public const int FileNameMaxLength = 120;

    public const string Pdf = "application/pdf";

    /// <summary>What a picture shows, for those who cannot see it: required for images, optional for a PDF.</summary>
    public const int AltTextMaxLength = 300;

    /// <summary>The content type of <paramref name="content"/> by its signature, or a refusal (<c>attachment-refused</c>, field <c>file</c>).</summary>
    public static string Sniff(ReadOnlySpan<byte> content)
    {
        if (content.Length == 0)
        {
            throw DomainValidationException.For("file", "'file' is empty.", ErrorCodes.AttachmentRefused);
        }

        if (content.Length > MaxBytes)
        {
            throw DomainValidationException.For("file", $"'file' is {content.Length} bytes: at most {MaxBytes} (4 MiB).", ErrorCodes.AttachmentRefused);
        }

        return TypeOf(content) ?? throw DomainValidationException.For(
            "file", "'file' must be a PNG, JPEG, GIF, WebP image or a PDF (read from its content; SVG and HTML are refused).", ErrorCodes.AttachmentRefused);
    }

    /// <summary>The accepted type whose signature starts <paramref name="content"/>, or <c>null</c>.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return content.StartsWith("%PDF-"u8) ? Pdf : null;
    }

    /// <summary>A file name to keep and show: required, at most 120 characters, no path, no control characters or quotes.</summary>
    public static string FileName(string? name)
    {
        var v = new Validator().RequiredText("fileName", name, FileNameMaxLength);
        if (name is not null && name.Any(c => char.IsControl(c) || c is '/' or '\\' or '"' or '<' or '>'))
        {
            v.Add("fileName", "'fileName' is a plain file name: no path, quotes, angle brackets or control characters.");
        }

        v.ThrowIfInvalid();
        return name!.Trim();
    }

    /// <summary>
    /// The text alternative of an attachment of <paramref name="contentType"/>: an image needs one (WCAG 1.1.1: what the
    /// picture shows), a PDF may have one; at most 300 characters. Refused as <c>altText</c>.
    /// </summary>
    public static string? AltText(string? altText, string contentType)
    {
        var v = new Validator();
        if (contentType == Pdf)
        {
            v.OptionalText("altText", altText, AltTextMaxLength);
        }
        else
        {
            v.RequiredText("altText", altText, AltTextMaxLength);
        }

        v.ThrowIfInvalid();
        return string.IsNullOrWhiteSpace(altText) ? null : altText.Trim();
    }
}
