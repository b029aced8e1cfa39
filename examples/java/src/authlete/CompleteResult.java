package authlete;

/** The end user's decision reported to /complete. */
public enum CompleteResult { AUTHORIZED, ACCESS_DENIED, TRANSACTION_FAILED }
