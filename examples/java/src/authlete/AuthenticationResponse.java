package authlete;

import java.util.List;

/** Authlete's check of a backchannel authentication request. USER_IDENTIFICATION: identify the user, then
 * /issue or /fail with {@code ticket}; the other actions: answer {@code httpStatus} with {@code responseContent}. */
public record AuthenticationResponse(String action, int httpStatus, String responseContent, String resultCode,
    String resultMessage, String ticket, long clientId, String clientIdAlias, boolean clientIdAliasUsed,
    String clientName, String clientAuthMethod, String deliveryMode, List<String> scopes, List<String> claimNames,
    List<String> acrs, String hintType, String hint, String sub, String bindingMessage, String userCode,
    boolean userCodeRequired, String clientNotificationToken, int requestedExpiry, List<String> resources) {}
