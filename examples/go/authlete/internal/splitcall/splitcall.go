// Package splitcall holds, for a test only, the mistake the binding avoids: reading authlete_last_error() in a
// second cgo call, after the goroutine may have moved to another OS thread.
package splitcall

/*
#cgo pkg-config: authlete
#include <authlete.h>
#include <stdlib.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Fail calls authlete_client_ciba_fail, yields (as any goroutine may be descheduled there) and then reads the
// detail in a separate cgo call. Returns the status and that detail.
func Fail(client unsafe.Pointer, serviceID, request string) (int, string) {
	sid, body := C.CString(serviceID), C.CString(request)
	defer C.free(unsafe.Pointer(sid))
	defer C.free(unsafe.Pointer(body))
	var out *C.char
	status := C.authlete_client_ciba_fail((*C.authlete_client)(client), sid, body, &out)
	runtime.Gosched()
	detail := C.GoString(C.authlete_last_error())
	C.authlete_free(unsafe.Pointer(out))
	return int(status), detail
}
