// ciba-fail rejects a CIBA backchannel authentication request from the command line (the Go twin of
// examples/c/ciba-fail.c). Configuration from the environment: AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...
// Exit status: 0 success; 1..9 the libauthlete status; 64 usage error; 70 library of another series.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"libauthlete.example/go/authlete"
)

func main() {
	flags := flag.NewFlagSet("ciba-fail", flag.ContinueOnError)
	serviceID := flags.String("service-id", os.Getenv("AUTHLETE_SERVICE_APIKEY"), "the service's API key")
	ticket := flags.String("ticket", "", "the ticket of the request")
	reason := flags.String("reason", "", "ACCESS_DENIED, UNKNOWN_USER_ID, ... (default SERVER_ERROR)")
	description := flags.String("description", "", "error_description of the response")
	uri := flags.String("uri", "", "error_uri of the response (an absolute URI)")
	if flags.Parse(os.Args[1:]) != nil || *serviceID == "" || flags.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: ciba-fail --service-id ID [--ticket T] [--reason NAME] [--description TEXT] [--uri URI]")
		os.Exit(64)
	}
	if err := authlete.CheckVersion(authlete.LibraryVersionNumber()); err != nil {
		fmt.Fprintln(os.Stderr, "ciba-fail:", err)
		os.Exit(70)
	}
	client, err := authlete.NewClientFromEnv()
	if err != nil {
		exit(err)
	}
	defer client.Close()
	answer, err := client.CibaFail(*serviceID, authlete.FailRequest{Ticket: *ticket,
		Reason: authlete.FailReason(*reason), ErrorDescription: *description, ErrorURI: *uri})
	if err != nil {
		client.Close()
		exit(err)
	}
	fmt.Printf("action: %s\nhttp_status: %d\nresponse_content: %s\nresult_code: %s\n", answer.Action,
		answer.HTTPStatus, answer.ResponseContent, answer.ResultCode)
}

// exit reports a failed call (with Authlete's body, for the log) and exits with its status.
func exit(err error) {
	fmt.Fprintln(os.Stderr, "ciba-fail:", err)
	var failed *authlete.Error
	if errors.As(err, &failed) {
		if failed.HasBody {
			fmt.Fprintln(os.Stderr, "ciba-fail: Authlete answered:", failed.Body)
		}
		os.Exit(int(failed.Status))
	}
	os.Exit(1)
}
