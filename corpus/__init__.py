"""Data package: the bundled corpus, one NAME.txt article with a NAME.json metadata record each."""
