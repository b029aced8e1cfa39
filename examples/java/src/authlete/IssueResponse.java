package authlete;

/** Authlete's answer to /issue. OK: answer 200 with {@code responseContent}, then ask the user; otherwise answer
 * {@code httpStatus} (500) with {@code responseContent}. */
public record IssueResponse(String action, int httpStatus, String responseContent, String resultCode,
                            String resultMessage, String authReqId, int expiresIn, int interval) {}
