"""The networks read from the store: the views, the census, the records of one actor, exports."""
