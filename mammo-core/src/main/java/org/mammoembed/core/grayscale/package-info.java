/**
 * The grayscale display steps of PS3.3 C.11 after the modality LUT that work on a decoded image's modality
 * values: VOI window or LUT ({@link org.mammoembed.core.grayscale.VoiTransform} with
 * {@link org.mammoembed.core.grayscale.WindowFunction}), pixel padding
 * ({@link org.mammoembed.core.grayscale.PixelPadding}) and presentation inversion
 * ({@link org.mammoembed.core.grayscale.PresentationInversion}). They live in core so that preprocessing and any
 * reader reach them without depending on {@code mammo-dicom}.
 */
package org.mammoembed.core.grayscale;
