/**
 * The pure-Java DICOM reader and writer of mammo-embed.
 *
 * <ul>
 *   <li>{@link org.mammoembed.dicom.DicomFileReader}: the {@link org.mammoembed.core.DicomReader} implementation.
 *       Part 10 files with or without preamble and file meta group; implicit/explicit VR little endian, explicit
 *       VR big endian, deflated explicit VR little endian; native pixel data of 1 to 32 bits (masked to Bits
 *       Stored, sign-extended), MONOCHROME1/2, RGB (both planar configurations), YBR_FULL and native
 *       YBR_FULL_422 (converted to RGB), PALETTE COLOR (indices), Float/Double Float Pixel Data, any frame of a
 *       multi-frame object; encapsulated pixel data through the frame decoders of
 *       {@link org.mammoembed.dicom.codec.Codecs}; the modality LUT (rescale, Modality LUT Sequence, enhanced
 *       multi-frame functional groups).</li>
 *   <li>{@link org.mammoembed.dicom.DicomWriter}, {@link org.mammoembed.dicom.DicomAttributes},
 *       {@link org.mammoembed.dicom.NativePixels}: writing Part 10 files, for synthetic data and tests.</li>
 *   <li>{@link org.mammoembed.dicom.grayscale}: the grayscale pipeline steps after the modality LUT.</li>
 * </ul>
 *
 * <p>Every length read from a file is checked against the bytes that remain before it is used, so corrupt or
 * hostile files are refused with a {@link org.mammoembed.dicom.DicomException} (stage READ or DECODE) naming the
 * element, offset or transfer syntax, never with another exception and never after a huge allocation. Messages
 * and logs never contain patient identifiers.
 */
package org.mammoembed.dicom;
