"""The message formats the library reads, one package each."""
