/*
 * libFuzzer target: the response parsers of /backchannel/authentication, /issue and /complete
 * (authlete_ciba_<endpoint>_response_parse) and every getter of each, index getters past the end included. Every
 * input goes through all three parsers.
 * Properties: no crash, no sanitizer report; on failure the status is PROTOCOL or INVALID_ARGUMENT and *out NULL;
 * on success the action is one of the endpoint's and the HTTP status is the action's; each index getter answers
 * NULL at its count and beyond; and where cJSON reads the same text, every member agrees with cJSON's reading:
 * strings, booleans, numbers (where a double is exact), enumerations by name, array counts and elements, and
 * object members (compared as cJSON prints them). Every getter of a NULL response answers NULL or 0.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "authlete.h"

/* What the getters are checked against: cJSON's reading of the same input (NULL: only read every byte), or, for a
 * NULL response, that every getter answers NULL or 0. */
typedef struct oracle {
  const cJSON *root;
  int empty;
} oracle;

static const cJSON *member(const oracle *o, const char *key) {
  const cJSON *item = o->root ? cJSON_GetObjectItemCaseSensitive(o->root, key) : NULL;
  return cJSON_IsNull(item) ? NULL : item;
}

static void string_is(const oracle *o, const char *key, const char *got) {
  if (o->empty) {
    if (got != NULL) abort();
    return;
  }
  volatile size_t length = got ? strlen(got) : 0; /* every byte readable */
  (void)length;
  if (o->root == NULL) return;
  const cJSON *item = member(o, key);
  if (got == NULL ? item != NULL : !(cJSON_IsString(item) && strcmp(item->valuestring, got) == 0)) abort();
}

static void boolean_is(const oracle *o, const char *key, int got) {
  const cJSON *item = member(o, key);
  if (o->empty || (o->root && !item)) {
    if (got != 0) abort();
    return;
  }
  if (item && (!cJSON_IsBool(item) || got != (cJSON_IsTrue(item) ? 1 : 0))) abort();
}

/* Numbers: compared where the double cJSON reads is exact (below 2^53); absent means 0. */
static void number_is(const oracle *o, const char *key, int64_t got) {
  const cJSON *item = member(o, key);
  if (o->empty || (o->root && !item)) {
    if (got != 0) abort();
    return;
  }
  if (item == NULL) return;
  if (!cJSON_IsNumber(item)) abort();
  if (fabs(item->valuedouble) < 9007199254740992.0 && (double)got != item->valuedouble) abort();
}

static void enumeration_is(const oracle *o, const char *key, int got, const char *(*name)(int)) {
  const cJSON *item = member(o, key);
  if (o->empty || (o->root && !item)) {
    if (got != 0) abort();
    return;
  }
  if (got != 0 && name(got) == NULL) abort(); /* a value outside the enum */
  if (item && got != 0 && !(cJSON_IsString(item) && strcmp(item->valuestring, name(got)) == 0)) abort();
}

/* Object and array members as compact JSON text: the same value as cJSON's (both printed by cJSON). */
static void json_is(const oracle *o, const char *key, const char *got) {
  if (o->empty) {
    if (got != NULL) abort();
    return;
  }
  if (o->root == NULL) {
    volatile size_t length = got ? strlen(got) : 0;
    (void)length;
    return;
  }
  const cJSON *item = member(o, key);
  if (got == NULL || item == NULL) {
    if ((got == NULL) != (item == NULL)) abort();
    return;
  }
  cJSON *parsed = cJSON_Parse(got);
  if (parsed == NULL) abort(); /* not JSON */
  char *mine = cJSON_PrintUnformatted(parsed), *theirs = cJSON_PrintUnformatted(item);
  if (mine && theirs && strcmp(mine, theirs) != 0) abort();
  cJSON_free(mine);
  cJSON_free(theirs);
  cJSON_Delete(parsed);
}

/* An array member: count, every element (as a string, or an object's `name_key` member), NULL from the count on. */
typedef const char *(*element_getter)(const void *response, size_t i);
static void array_is(const oracle *o, const char *key, const char *name_key, const void *response, size_t count,
                     element_getter element) {
  if (o->empty && count != 0) abort();
  const cJSON *item = member(o, key);
  if (o->root && count != (size_t)(cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0)) abort();
  for (size_t i = 0; i < count; i++) {
    const char *got = element(response, i);
    volatile size_t length = got ? strlen(got) : 0;
    (void)length;
    if (o->root == NULL || got == NULL) continue;
    const cJSON *want = cJSON_GetArrayItem(item, (int)i);
    if (name_key != NULL) {
      want = cJSON_GetObjectItemCaseSensitive(want, name_key);
      if (want == NULL || cJSON_IsNull(want)) { /* an object without the member reads as "" */
        if (got[0] != '\0') abort();
        continue;
      }
    }
    if (!(cJSON_IsString(want) && strcmp(want->valuestring, got) == 0)) abort();
  }
  if (element(response, count) != NULL || element(response, count + 1) != NULL || element(response, SIZE_MAX) != NULL) {
    abort();
  }
}

/* The index getters with the generic signature array_is calls them by. */
#define ELEMENT(endpoint, getter)                                                                                    \
  static const char *endpoint##_##getter(const void *response, size_t i) {                                          \
    return authlete_ciba_##endpoint##_response_##getter((const authlete_ciba_##endpoint##_response *)response, i);  \
  }
ELEMENT(authentication, scope)
ELEMENT(authentication, claim_name)
ELEMENT(authentication, acr)
ELEMENT(authentication, resource)
ELEMENT(authentication, warning)
ELEMENT(complete, resource)

/* The action's name from cJSON must be the parsed action's. */
static void action_is(const oracle *o, int action, const char *(*name)(int)) {
  if (o->empty) {
    if (action != 0) abort();
    return;
  }
  if (name(action) == NULL) abort();
  const cJSON *item = member(o, "action");
  if (o->root && !(cJSON_IsString(item) && strcmp(item->valuestring, name(action)) == 0)) abort();
}

#define R(getter) authlete_ciba_authentication_response_##getter(r)
static void authentication(const authlete_ciba_authentication_response *r, const oracle *o) {
  action_is(o, R(action), authlete_ciba_authentication_action_name);
  if (R(http_status) != (o->empty ? 0 : authlete_ciba_authentication_action_http_status(R(action)))) abort();
  string_is(o, "resultCode", R(result_code));
  string_is(o, "resultMessage", R(result_message));
  string_is(o, "responseContent", R(content));
  string_is(o, "ticket", R(ticket));
  number_is(o, "clientId", R(client_id));
  string_is(o, "clientIdAlias", R(client_id_alias));
  boolean_is(o, "clientIdAliasUsed", R(client_id_alias_used));
  string_is(o, "clientName", R(client_name));
  string_is(o, "clientEntityId", R(client_entity_id));
  boolean_is(o, "clientEntityIdUsed", R(client_entity_id_used));
  string_is(o, "metadataDocumentLocation", R(metadata_document_location));
  boolean_is(o, "metadataDocumentUsed", R(metadata_document_used));
  string_is(o, "clientAuthMethod", R(client_auth_method));
  enumeration_is(o, "deliveryMode", R(delivery_mode), authlete_ciba_delivery_mode_name);
  array_is(o, "scopes", "name", r, R(scope_count), authentication_scope);
  json_is(o, "dynamicScopes", R(dynamic_scopes));
  array_is(o, "claimNames", NULL, r, R(claim_name_count), authentication_claim_name);
  array_is(o, "acrs", NULL, r, R(acr_count), authentication_acr);
  enumeration_is(o, "hintType", R(hint_type), authlete_ciba_hint_type_name);
  string_is(o, "hint", R(hint));
  string_is(o, "sub", R(sub));
  string_is(o, "bindingMessage", R(binding_message));
  string_is(o, "userCode", R(user_code));
  boolean_is(o, "userCodeRequired", R(user_code_required));
  string_is(o, "clientNotificationToken", R(client_notification_token));
  number_is(o, "requestedExpiry", R(requested_expiry));
  string_is(o, "requestContext", R(request_context));
  array_is(o, "resources", NULL, r, R(resource_count), authentication_resource);
  json_is(o, "authorizationDetails", R(authorization_details));
  array_is(o, "warnings", NULL, r, R(warning_count), authentication_warning);
  string_is(o, "gmAction", R(gm_action));
  string_is(o, "grantId", R(grant_id));
  string_is(o, "grantSubject", R(grant_subject));
  json_is(o, "grant", R(grant));
  json_is(o, "serviceAttributes", R(service_attributes));
  json_is(o, "clientAttributes", R(client_attributes));
  string_is(o, "attestationChallenge", R(attestation_challenge));
}
#undef R

#define R(getter) authlete_ciba_issue_response_##getter(r)
static void issue(const authlete_ciba_issue_response *r, const oracle *o) {
  action_is(o, R(action), authlete_ciba_issue_action_name);
  if (R(http_status) != (o->empty ? 0 : authlete_ciba_issue_action_http_status(R(action)))) abort();
  string_is(o, "resultCode", R(result_code));
  string_is(o, "resultMessage", R(result_message));
  string_is(o, "responseContent", R(content));
  string_is(o, "authReqId", R(auth_req_id));
  number_is(o, "expiresIn", R(expires_in));
  number_is(o, "interval", R(interval));
}
#undef R

#define R(getter) authlete_ciba_complete_response_##getter(r)
static void complete(const authlete_ciba_complete_response *r, const oracle *o) {
  action_is(o, R(action), authlete_ciba_complete_action_name);
  string_is(o, "resultCode", R(result_code));
  string_is(o, "resultMessage", R(result_message));
  string_is(o, "responseContent", R(content));
  number_is(o, "clientId", R(client_id));
  string_is(o, "clientIdAlias", R(client_id_alias));
  boolean_is(o, "clientIdAliasUsed", R(client_id_alias_used));
  string_is(o, "clientName", R(client_name));
  string_is(o, "clientEntityId", R(client_entity_id));
  boolean_is(o, "clientEntityIdUsed", R(client_entity_id_used));
  string_is(o, "metadataDocumentLocation", R(metadata_document_location));
  boolean_is(o, "metadataDocumentUsed", R(metadata_document_used));
  enumeration_is(o, "deliveryMode", R(delivery_mode), authlete_ciba_delivery_mode_name);
  string_is(o, "clientNotificationEndpoint", R(client_notification_endpoint));
  string_is(o, "clientNotificationToken", R(client_notification_token));
  string_is(o, "authReqId", R(auth_req_id));
  string_is(o, "grantId", R(grant_id));
  string_is(o, "accessToken", R(access_token));
  string_is(o, "refreshToken", R(refresh_token));
  string_is(o, "idToken", R(id_token));
  string_is(o, "jwtAccessToken", R(jwt_access_token));
  number_is(o, "accessTokenDuration", R(access_token_duration));
  number_is(o, "refreshTokenDuration", R(refresh_token_duration));
  number_is(o, "idTokenDuration", R(id_token_duration));
  array_is(o, "resources", NULL, r, R(resource_count), complete_resource);
  json_is(o, "authorizationDetails", R(authorization_details));
  json_is(o, "serviceAttributes", R(service_attributes));
  json_is(o, "clientAttributes", R(client_attributes));
}
#undef R

static void refused(int status, const void *out) {
  if ((status != AUTHLETE_ERR_PROTOCOL && status != AUTHLETE_ERR_INVALID_ARGUMENT) || out != NULL) abort();
  if (authlete_last_error()[0] == '\0') abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  cJSON *root = cJSON_ParseWithOpts(text, NULL, 1);
  const oracle read = {cJSON_IsObject(root) ? root : NULL, 0}, empty = {NULL, 1};

  authlete_ciba_authentication_response *authentication_response = (authlete_ciba_authentication_response *)0x1;
  int status = authlete_ciba_authentication_response_parse(text, &authentication_response);
  if (status == AUTHLETE_OK) {
    authentication(authentication_response, &read);
    authlete_ciba_authentication_response_free(authentication_response);
  } else {
    refused(status, authentication_response);
  }
  authlete_ciba_issue_response *issue_response = (authlete_ciba_issue_response *)0x1;
  status = authlete_ciba_issue_response_parse(text, &issue_response);
  if (status == AUTHLETE_OK) {
    issue(issue_response, &read);
    authlete_ciba_issue_response_free(issue_response);
  } else {
    refused(status, issue_response);
  }
  authlete_ciba_complete_response *complete_response = (authlete_ciba_complete_response *)0x1;
  status = authlete_ciba_complete_response_parse(text, &complete_response);
  if (status == AUTHLETE_OK) {
    complete(complete_response, &read);
    authlete_ciba_complete_response_free(complete_response);
  } else {
    refused(status, complete_response);
  }
  if (size == 0) { /* once per run is enough: every getter of a NULL response */
    authentication(NULL, &empty);
    issue(NULL, &empty);
    complete(NULL, &empty);
  }
  cJSON_Delete(root);
  free(text);
  return 0;
}
