"""The codebook editor: categories, their colours, keys, coding rules, archiving and merging."""
