package org.mammoembed.core;

/** How the embeddings of the images of one exam are combined into one exam embedding. */
public enum Aggregation {
    /** Element-wise mean over the exam's images. */
    MEAN,
    /** Element-wise maximum over the exam's images. */
    MAX
}
