// backchannel is a tiny CIBA backchannel authentication endpoint on net/http: Authlete checks the request, the
// one known user ("john") is accepted (issue, then the decision reported in the background), any other hint is
// rejected with UNKNOWN_USER_ID. Configuration from the environment (AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...) and
// AUTHLETE_SERVICE_APIKEY. Listens on 127.0.0.1 only and prints {"event":"listening",...} once on stdout.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"libauthlete.example/go/authlete"
)

var users = map[string]string{"john": "john-subject"} // login_hint -> subject

type server struct {
	client     *authlete.Client
	serviceID  string
	background sync.WaitGroup
}

func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// failed answers a failed library call: 500 to the client, the details (never sent) to the log.
func failed(w http.ResponseWriter, step string, err error) {
	log.Printf("%s: %v", step, err)
	answer(w, http.StatusInternalServerError, `{"error":"server_error"}`)
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/backchannel/authentication" || r.Method != http.MethodPost {
		answer(w, http.StatusNotFound, `{"error":"not_found"}`)
		return
	}
	form, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil {
		answer(w, http.StatusRequestEntityTooLarge, `{"error":"invalid_request"}`)
		return
	}
	request := authlete.AuthenticationRequest{Parameters: string(form)}
	request.ClientID, request.ClientSecret, _ = r.BasicAuth()
	parsed, err := s.client.CibaAuthentication(s.serviceID, request)
	if err != nil {
		failed(w, "authentication", err)
		return
	}
	if parsed.Action != "USER_IDENTIFICATION" {
		if parsed.Action == "UNAUTHORIZED" {
			w.Header().Set("WWW-Authenticate", `Basic realm="backchannel/authentication"`)
		}
		answer(w, parsed.HTTPStatus, parsed.ResponseContent)
		return
	}
	subject, known := users[parsed.Hint]
	if parsed.HintType != "LOGIN_HINT" || !known {
		rejected, err := s.client.CibaFail(s.serviceID, authlete.FailRequest{Ticket: parsed.Ticket,
			Reason: authlete.ReasonUnknownUserID, ErrorDescription: "login_hint does not identify a user"})
		if err != nil {
			failed(w, "fail", err)
			return
		}
		answer(w, rejected.HTTPStatus, rejected.ResponseContent)
		return
	}
	issued, err := s.client.CibaIssue(s.serviceID, parsed.Ticket)
	if err != nil {
		failed(w, "issue", err)
		return
	}
	answer(w, issued.HTTPStatus, issued.ResponseContent)
	if issued.Action == "OK" {
		// Here a real server would ask the user's device; this one says yes at once.
		s.background.Add(1)
		go func() {
			defer s.background.Done()
			done, err := s.client.CibaComplete(s.serviceID, authlete.CompleteRequest{Ticket: parsed.Ticket,
				Result: authlete.ResultAuthorized, Subject: subject})
			if err != nil {
				log.Printf("complete: %v", err)
			} else {
				log.Printf("complete: %s", done.Action)
			}
		}()
	}
}

func main() {
	port := flag.Int("port", 0, "port on 127.0.0.1 (0: any free port)")
	flag.Parse()
	client, err := authlete.NewClientFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	s := &server{client: client, serviceID: os.Getenv("AUTHLETE_SERVICE_APIKEY")}
	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("{\"event\":\"listening\",\"host\":\"127.0.0.1\",\"port\":%d}\n", listener.Addr().(*net.TCPAddr).Port)
	httpServer := &http.Server{Handler: s}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-stop
		httpServer.Shutdown(context.Background())
	}()
	if err := httpServer.Serve(listener); err != http.ErrServerClosed {
		log.Fatal(err)
	}
	s.background.Wait()
	client.Close()
}
