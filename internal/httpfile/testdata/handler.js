// a response handler that httpsh skips
