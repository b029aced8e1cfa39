package authlete;

/** Authlete's answer to /fail: answer your client with {@code httpStatus} and {@code responseContent} verbatim. */
public record FailResponse(String action, int httpStatus, String responseContent, String resultCode,
                           String resultMessage) {}
