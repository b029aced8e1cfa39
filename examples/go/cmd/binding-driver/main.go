// binding-driver runs the binding for the tests of examples/binding_checks.py: one JSON command per line on stdin,
// one JSON answer per line on stdout ({"ok":...} or {"error":{status,name,detail,body}}). Test tool, not a sample.
package main

/*
#cgo pkg-config: authlete
#include <authlete.h>
#include <malloc.h>
#include <stdlib.h>
static size_t heap_in_use(void) { return mallinfo2().uordblks; }

// The leak check's control: fail calls whose bodies are deliberately never freed, measured the same way.
static long leaked_bytes(const char *config, const char *service_id, int rounds) {
  authlete_client *client = NULL;
  if (authlete_client_new(config, &client) != AUTHLETE_OK) return -1;
  char *body = NULL;
  authlete_client_ciba_fail(client, service_id, "{\"ticket\":\"t\",\"reason\":\"ACCESS_DENIED\"}", &body);
  authlete_free(body);
  size_t before = heap_in_use();
  for (int i = 0; i < rounds; i++) authlete_client_ciba_fail(client, service_id, "{\"ticket\":\"t\",\"reason\":\"ACCESS_DENIED\"}", &body);
  size_t after = heap_in_use();
  authlete_client_free(client);
  return (long)(after - before);
}
*/
import "C"

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"unsafe"

	"libauthlete.example/go/authlete"
)

type command struct {
	Op           string          `json:"op"`
	Config       authlete.Config `json:"config"`
	Client       int             `json:"client"`
	Service      string          `json:"service"`
	FaultService string          `json:"faultService"`
	Ticket       string          `json:"ticket"`
	Reason       string          `json:"reason"`
	Description  string          `json:"description"`
	URI          string          `json:"uri"`
	Parameters   string          `json:"parameters"`
	ClientID     string          `json:"clientId"`
	ClientSecret string          `json:"clientSecret"`
	Result       string          `json:"result"`
	Subject      string          `json:"subject"`
	Claims       string          `json:"claims"`
	Callers      int             `json:"callers"`
	Calls        int             `json:"calls"`
	Rounds       int             `json:"rounds"`
	Probe        []uint          `json:"probe"`
}

type driver struct{ clients map[int]*authlete.Client }

func errorAnswer(err error) map[string]interface{} {
	var e *authlete.Error
	if !errors.As(err, &e) {
		return map[string]interface{}{"error": map[string]interface{}{"status": -1, "detail": err.Error()}}
	}
	var body interface{}
	if e.HasBody {
		body = e.Body
	}
	return map[string]interface{}{"error": map[string]interface{}{"status": int(e.Status), "name": e.Status.String(),
		"detail": e.Detail, "body": body, "resultCode": e.ResultCode(), "message": e.Error()}}
}

func (d *driver) fail(c *authlete.Client, cmd command) (interface{}, error) {
	return c.CibaFail(cmd.Service, authlete.FailRequest{Ticket: cmd.Ticket, Reason: authlete.FailReason(cmd.Reason),
		ErrorDescription: cmd.Description, ErrorURI: cmd.URI})
}

func (d *driver) run(cmd command) (interface{}, error) {
	c := d.clients[cmd.Client]
	switch cmd.Op {
	case "version":
		accepted := []bool{}
		for _, n := range cmd.Probe {
			accepted = append(accepted, authlete.CheckVersion(n) == nil)
		}
		return map[string]interface{}{"version": authlete.LibraryVersion(), "number": authlete.LibraryVersionNumber(),
			"header": authlete.HeaderVersionNumber, "accepted": accepted}, nil
	case "client":
		made, err := authlete.NewClient(cmd.Config)
		if err != nil {
			return nil, err
		}
		id := len(d.clients) + 1
		d.clients[id] = made
		return map[string]int{"client": id}, nil
	case "close":
		return map[string]bool{"closed": true}, c.Close()
	case "fail":
		return d.fail(c, cmd)
	case "authentication":
		return c.CibaAuthentication(cmd.Service, authlete.AuthenticationRequest{Parameters: cmd.Parameters,
			ClientID: cmd.ClientID, ClientSecret: cmd.ClientSecret})
	case "issue":
		return c.CibaIssue(cmd.Service, cmd.Ticket)
	case "complete":
		return c.CibaComplete(cmd.Service, authlete.CompleteRequest{Ticket: cmd.Ticket,
			Result: authlete.CompleteResult(cmd.Result), Subject: cmd.Subject, Claims: cmd.Claims,
			ErrorDescription: cmd.Description, ErrorURI: cmd.URI})
	case "concurrent":
		return d.concurrent(c, cmd), nil
	case "leakcheck":
		return d.leakcheck(c, cmd), nil
	case "leakcontrol":
		config, _ := json.Marshal(cmd.Config)
		cConfig, cService := C.CString(string(config)), C.CString(cmd.Service)
		defer C.free(unsafe.Pointer(cConfig))
		defer C.free(unsafe.Pointer(cService))
		return map[string]int64{"growth": int64(C.leaked_bytes(cConfig, cService, C.int(cmd.Rounds)))}, nil
	}
	return nil, fmt.Errorf("unknown op %q", cmd.Op)
}

// concurrent: cmd.Callers goroutines, each making cmd.Calls fail calls on the one client.
func (d *driver) concurrent(c *authlete.Client, cmd command) interface{} {
	var mu sync.Mutex
	contents := map[string]int{}
	failures := []string{}
	var wg sync.WaitGroup
	for i := 0; i < cmd.Callers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < cmd.Calls; j++ {
				answer, err := d.fail(c, cmd)
				mu.Lock()
				if err != nil {
					failures = append(failures, err.Error())
				} else {
					contents[fmt.Sprintf("%d %s", answer.(*authlete.FailResponse).HTTPStatus,
						answer.(*authlete.FailResponse).ResponseContent)]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return map[string]interface{}{"outcomes": contents, "errors": failures}
}

// leakcheck: the C heap in use after each of three runs of cmd.Rounds rounds of every kind of answer (parsed
// responses of the four calls, an API error with a body, an invalid argument); the first run is the warm-up.
func (d *driver) leakcheck(c *authlete.Client, cmd command) interface{} {
	round := func() {
		d.fail(c, command{Service: cmd.Service, Ticket: "t", Reason: "ACCESS_DENIED", Description: "d"})
		d.fail(c, command{Service: cmd.FaultService, Ticket: "t", Reason: "ACCESS_DENIED"})
		d.fail(c, command{Service: cmd.Service, Reason: "NOPE"})
		auth, err := c.CibaAuthentication(cmd.Service, authlete.AuthenticationRequest{Parameters: cmd.Parameters,
			ClientID: cmd.ClientID, ClientSecret: cmd.ClientSecret})
		if err == nil {
			c.CibaIssue(cmd.Service, auth.Ticket)
			c.CibaComplete(cmd.Service, authlete.CompleteRequest{Ticket: auth.Ticket, Result: authlete.ResultAuthorized,
				Subject: "john"})
		}
	}
	marks := []uint64{}
	for mark := 0; mark < 3; mark++ {
		for i := 0; i < cmd.Rounds; i++ {
			round()
		}
		marks = append(marks, uint64(C.heap_in_use()))
	}
	return map[string]uint64{"before": marks[0], "middle": marks[1], "after": marks[2]}
}

func main() {
	d := &driver{clients: map[int]*authlete.Client{}}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var cmd command
		var answer interface{}
		if err := json.Unmarshal(in.Bytes(), &cmd); err != nil {
			answer = map[string]string{"fatal": err.Error()}
		} else if value, err := d.run(cmd); err != nil {
			answer = errorAnswer(err)
		} else {
			answer = map[string]interface{}{"ok": value}
		}
		if err := out.Encode(answer); err != nil {
			os.Exit(1)
		}
	}
}
