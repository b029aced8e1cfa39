package authlete;

/** Authlete's answer to /complete. NOTIFICATION: POST {@code responseContent} to
 * {@code clientNotificationEndpoint} with {@code clientNotificationToken} as the bearer; NO_ACTION: nothing. */
public record CompleteResponse(String action, String responseContent, String resultCode, String resultMessage,
    long clientId, String clientName, String deliveryMode, String clientNotificationEndpoint,
    String clientNotificationToken, String authReqId, String accessToken, String refreshToken, String idToken,
    long accessTokenDuration) {}
