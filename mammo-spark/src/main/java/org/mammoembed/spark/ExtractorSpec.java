package org.mammoembed.spark;

import java.io.Serializable;

/**
 * Everything an executor needs to build the extractor a {@link DicomEmbedder} describes; serialised into each
 * task. Equal specs share one extractor per executor JVM ({@link ExecutorExtractors}).
 *
 * @param modelPath      the ONNX file: a path every executor can read (shared storage), or the file name of one
 *                       shipped with {@code --files} / {@code SparkContext.addFile}
 * @param modelSha256    the expected SHA-256 (hex) of the model bytes; an executor whose copy differs fails
 * @param batchSize      images per inference batch
 * @param intraOpThreads ONNX Runtime intra-op threads of the executor's one session
 * @param workers        decode/preprocess threads per batch
 * @param frame          frame of multi-frame files
 * @param recipe         the preprocessing
 */
record ExtractorSpec(String modelPath, String modelSha256, int batchSize, int intraOpThreads, int workers,
                     int frame, PreprocessingRecipe recipe) implements Serializable {
}
