/**
 * The caller corpus: what callers say to the bot in voices that are not the bot's own (flite,
 * espeak-ng, Festival's kal diphone) and in human voices (the fsdd spoken digits), at phone band,
 * clean and noisy, at several loudness levels. Made at test time with the system's speech tools and
 * cached under {@code target/}; nothing is committed but the text in
 * {@code src/test/resources/corpus/caller-utterances.tsv}. Entry point: {@link CallerCorpus}.
 */
package dev.voicebot.pipeline.corpus;
