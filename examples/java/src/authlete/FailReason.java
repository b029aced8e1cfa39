package authlete;

/** Why the authorization server rejects the request; the name is the {@code reason} sent to Authlete. */
public enum FailReason {
  ACCESS_DENIED, EXPIRED_LOGIN_HINT_TOKEN, INVALID_BINDING_MESSAGE, INVALID_TARGET, INVALID_USER_CODE,
  MISSING_USER_CODE, SERVER_ERROR, UNAUTHORIZED_CLIENT, UNKNOWN_USER_ID
}
