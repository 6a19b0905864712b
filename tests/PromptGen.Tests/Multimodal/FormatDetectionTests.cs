namespace PromptGen.Tests.Multimodal;

public class FormatDetectionTests
{
    [Theory]
    [InlineData(ImageFormat.Png, "image/png")]
    [InlineData(ImageFormat.Jpeg, "image/jpeg")]
    [InlineData(ImageFormat.Gif, "image/gif")]
    [InlineData(ImageFormat.WebP, "image/webp")]
    [InlineData(ImageFormat.Bmp, "image/bmp")]
    [InlineData(ImageFormat.Tiff, "image/tiff")]
    public void Formats_are_detected_from_the_content_with_the_size_from_the_header(ImageFormat format, string mediaType)
    {
        var bytes = TestImages.Make(format, 70, 30);

        var image = ImageLoader.Sniff(PromptImage.FromBytes(bytes).ToContent("x"), bytes);

        Assert.Equal(format, image.Format);
        Assert.Equal(mediaType, image.MediaType);
        if (format != ImageFormat.Tiff)
        {
            Assert.Equal((70, 30), (image.Width, image.Height));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })] // truncated PNG signature
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 })] // RIFF WAVE, not WebP
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x38, 0x61 })] // "GIF88a"
    public void Near_misses_are_not_images(byte[] bytes) => Assert.Null(ImageFormats.Detect(bytes));

    [Fact]
    public void Data_uris_and_urls_are_checked_when_created()
    {
        Assert.Throws<FormatException>(() => PromptImage.FromDataUri("data:image/png,notbase64"));
        Assert.Throws<FormatException>(() => PromptImage.FromDataUri("data:image/png;base64,***"));
        Assert.Throws<ArgumentException>(() => PromptImage.FromUrl("ftp://example.test/a.png"));
        Assert.Throws<ArgumentException>(() => PromptImage.FromUrl("not a url"));
        using var stream = new MemoryStream(TestImages.Make(ImageFormat.Gif));
        Assert.Equal(ImageFormat.Gif, ImageFormats.Detect(PromptImage.FromStream(stream).Bytes.Span));
        Assert.Equal("image URL 'https://example.test/a.png'", PromptImage.FromUrl("https://example.test/a.png?token=SECRET").ToString());
    }
}
