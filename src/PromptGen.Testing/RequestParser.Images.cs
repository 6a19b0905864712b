using System.Text.Json;

namespace PromptGen.Testing;

internal static partial class RequestParser
{
    /// <summary>Every image part of every message, in order, in the request's wire shape.</summary>
    private static List<RecordedImage> Images(JsonElement root)
    {
        var images = new List<RecordedImage>();
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return images;
        }

        foreach (var message in messages.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object))
        {
            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "?" : "?";
            if (message.TryGetProperty("images", out var native) && native.ValueKind == JsonValueKind.Array)
            {
                images.AddRange(native.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String)
                    .Select(i => new RecordedImage { Role = role, Shape = "images", Data = Base64(i.GetString()), PartIndex = -1 }));
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var index = 0;
            foreach (var part in content.EnumerateArray())
            {
                if (Image(part, role, index) is { } image)
                {
                    images.Add(image);
                }

                index++;
            }
        }

        return images;
    }

    private static RecordedImage? Image(JsonElement part, string role, int index)
    {
        var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "image_url" && part.TryGetProperty("image_url", out var imageUrl))
        {
            var url = imageUrl.ValueKind == JsonValueKind.String ? imageUrl.GetString() : imageUrl.TryGetProperty("url", out var u) ? u.GetString() : null;
            if (url is not null && url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                var comma = url.IndexOf(',', StringComparison.Ordinal);
                var header = url[5..Math.Max(5, comma)];
                return new RecordedImage { Role = role, Shape = type, MediaType = header.Split(';')[0], Data = Base64(url[(comma + 1)..]), PartIndex = index };
            }

            return new RecordedImage { Role = role, Shape = type, Url = url is null ? null : new Uri(url), PartIndex = index };
        }

        if (type == "image" && part.TryGetProperty("source", out var source))
        {
            var kind = source.TryGetProperty("type", out var k) ? k.GetString() : null;
            return kind == "url"
                ? new RecordedImage { Role = role, Shape = type, Url = new Uri(source.GetProperty("url").GetString()!), PartIndex = index }
                : new RecordedImage
                {
                    Role = role,
                    Shape = type,
                    MediaType = source.TryGetProperty("media_type", out var m) ? m.GetString() : null,
                    Data = Base64(source.TryGetProperty("data", out var d) ? d.GetString() : null),
                    PartIndex = index,
                };
        }

        return null;
    }

    private static byte[]? Base64(string? text)
    {
        try
        {
            return text is null ? null : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
