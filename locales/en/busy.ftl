## The database stayed locked by another process past the busy timeout
error-busy = ⏳ I'm busy saving other work right now. Please send that again in a minute.
