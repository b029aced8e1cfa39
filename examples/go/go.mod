module libauthlete.example/go

go 1.19
