// Package authlete is a small Go binding of libauthlete, the C library for Authlete's CIBA APIs.
//
// One Client is safe for many goroutines at once and reuses its HTTP connections; Close it when done.
// Each call blocks its goroutine (and one OS thread) for at most the client's TimeoutMs.
package authlete

/*
#include <authlete.h>
#include <stdlib.h>
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"sync"
	"unsafe"
)

// Config is the client's configuration (the JSON keys of authlete_client_new); zero values are left out, so the
// library's defaults apply.
type Config struct {
	BaseURL          string `json:"baseUrl,omitempty"`
	Region           string `json:"region,omitempty"`
	APIVersion       int    `json:"apiVersion,omitempty"`
	Token            string `json:"token,omitempty"`
	APIKey           string `json:"apiKey,omitempty"`
	APISecret        string `json:"apiSecret,omitempty"`
	TimeoutMs        int    `json:"timeoutMs,omitempty"`
	ConnectTimeoutMs int    `json:"connectTimeoutMs,omitempty"`
	MaxRetries       int    `json:"maxRetries,omitempty"`
	UserAgent        string `json:"userAgent,omitempty"`
	CAFile           string `json:"caFile,omitempty"`
	RequestEncoding  string `json:"requestEncoding,omitempty"`
}

// Client is a connection to Authlete.
type Client struct {
	mu     sync.RWMutex // calls share it; Close takes it alone, so it never frees a client in use
	native *C.authlete_client
}

// LibraryVersion is the loaded library's version string, e.g. "0.2.0".
func LibraryVersion() string { return C.GoString(C.authlete_version()) }

// LibraryVersionNumber is the loaded library's MAJOR*10000 + MINOR*100 + PATCH.
func LibraryVersionNumber() uint { return uint(C.authlete_version_number()) }

// CheckVersion accepts a library of the header's series: the same major and minor version, any patch (a patch
// release changes no interface; another minor version of a 0.x library may).
func CheckVersion(library uint) error {
	if library/100 != HeaderVersionNumber/100 {
		return versionError(library)
	}
	return nil
}

// NewClient creates a client from cfg.
func NewClient(cfg Config) (*Client, error) {
	text, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	config, err := cString(string(text), "the configuration")
	if err != nil {
		return nil, err
	}
	defer C.free(unsafe.Pointer(config))
	return newClient(config)
}

// NewClientFromEnv creates a client from AUTHLETE_BASE_URL, AUTHLETE_BEARER, ... (see authlete_client_new).
func NewClientFromEnv() (*Client, error) { return newClient(nil) }

func newClient(config *C.char) (*Client, error) {
	if err := CheckVersion(LibraryVersionNumber()); err != nil {
		return nil, err
	}
	native, err := nativeNewClient(config)
	if err != nil {
		return nil, err
	}
	client := &Client{native: native}
	runtime.SetFinalizer(client, (*Client).Close) // a safety net; call Close yourself
	return client, nil
}

// Close frees the client and its connections. It waits for running calls; later calls fail with StatusConfig.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.native != nil {
		C.authlete_client_free(c.native)
		c.native = nil
		runtime.SetFinalizer(c, nil)
	}
	return nil
}

// call sends request (marshalled to JSON) to the endpoint and hands out the parsed response, to be read and freed
// by the caller.
func (c *Client) call(ep endpoint, serviceID string, request interface{}) (unsafe.Pointer, error) {
	text, err := json.Marshal(request)
	if err != nil {
		return nil, &Error{Status: StatusInvalidArgument, Detail: err.Error()}
	}
	sid, err := cString(serviceID, "the service id")
	if err != nil {
		return nil, err
	}
	defer C.free(unsafe.Pointer(sid))
	body, err := cString(string(text), "the request")
	if err != nil {
		return nil, err
	}
	defer C.free(unsafe.Pointer(body))
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.native == nil {
		return nil, &Error{Status: StatusConfig, Detail: "the client is closed"}
	}
	return nativeCall(ep, c.native, sid, body)
}
