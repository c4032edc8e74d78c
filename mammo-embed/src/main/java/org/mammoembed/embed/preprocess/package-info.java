/**
 * The building blocks of {@link org.mammoembed.embed.Preprocessing}: exact numpy-style percentiles
 * ({@link org.mammoembed.core.Percentiles}), PyTorch-exact separable resampling
 * ({@link org.mammoembed.embed.preprocess.SeparableResampler} with
 * {@link org.mammoembed.embed.preprocess.ResizeMode}), output placement
 * ({@link org.mammoembed.embed.preprocess.Geometry}), the VOI choice
 * ({@link org.mammoembed.embed.preprocess.Windowing}) and the ND4J channel normalisation
 * ({@link org.mammoembed.embed.preprocess.ChannelNormalizer}). {@code Windowing}, {@code ResizeMode} and
 * {@code Geometry} are the options of {@code Preprocessing.builder()}; the other public classes are public only
 * because {@code Preprocessing} lives in the parent package.
 */
package org.mammoembed.embed.preprocess;
