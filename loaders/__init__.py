"""Loading Arabic news articles: text normalization with an offset map, sentences, dates and numbers.

Everything here works on the ORIGINAL article text for offsets: matching runs on normalized text
(loaders.normalize) and maps back with NormalizedText.span_to_original, so evidence quotes are always
exact slices of the article.
"""
