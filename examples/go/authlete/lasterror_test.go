package authlete

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"libauthlete.example/go/authlete/internal/splitcall"
)

// The emulator to call, given by the test driver (examples/binding_checks.py).
func emulatorClient(t *testing.T) (*Client, string) {
	baseURL, token, service := os.Getenv("AUTHLETE_TEST_BASE_URL"), os.Getenv("AUTHLETE_TEST_TOKEN"),
		os.Getenv("AUTHLETE_TEST_SERVICE")
	if baseURL == "" {
		t.Skip("AUTHLETE_TEST_BASE_URL is not set")
	}
	client, err := NewClient(Config{BaseURL: baseURL, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	return client, service
}

const goroutines, rounds = 64, 40

// mismatches runs goroutines that alternate a call that succeeds (which leaves "" as its thread's detail) with one
// refused for a reason name of its own, and counts the refusals whose detail does not name their own reason.
func mismatches(call func(reason string) (int, string)) int {
	var all sync.WaitGroup
	var mu sync.Mutex
	count := 0
	for g := 0; g < goroutines; g++ {
		all.Add(1)
		go func(g int) {
			defer all.Done()
			for r := 0; r < rounds; r++ {
				call(string(ReasonInvalidTarget))
				reason := fmt.Sprintf("NOPE_%d_%d", g, r)
				status, detail := call(reason)
				if status != int(StatusInvalidArgument) || !strings.Contains(detail, reason) {
					mu.Lock()
					count++
					mu.Unlock()
				}
			}
		}(g)
	}
	all.Wait()
	return count
}

func TestLastErrorIsReadInTheSameCCall(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	client, service := emulatorClient(t)
	defer client.Close()
	bad := mismatches(func(reason string) (int, string) {
		_, err := client.CibaFail(service, FailRequest{Ticket: "t", Reason: FailReason(reason)})
		var failed *Error
		if errors.As(err, &failed) {
			return int(failed.Status), failed.Detail
		}
		return 0, ""
	})
	if bad != 0 {
		t.Fatalf("%d of %d refusals carried another call's detail", bad, goroutines*rounds)
	}
}

// The control: the same load with the detail read in a second cgo call does get other calls' details, so the test
// above would catch a binding that did so.
func TestASeparateReadOfTheDetailGoesWrong(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	client, service := emulatorClient(t)
	defer client.Close()
	bad := mismatches(func(reason string) (int, string) {
		return splitcall.Fail(unsafe.Pointer(client.native), service, `{"ticket":"t","reason":"`+reason+`"}`)
	})
	t.Logf("split reads: %d of %d refusals carried another call's detail", bad, goroutines*rounds)
	if bad == 0 {
		t.Fatal("no mismatch: the load does not move goroutines between threads")
	}
}
