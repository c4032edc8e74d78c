/**
 * BI-RADS density baselines: grouped stratified cross-validation of Smile classifiers on embeddings and on
 * handcrafted descriptors, with scikit-learn-compatible scores and a paired t-test.
 */
package org.mammoembed.reduce.baselines;
