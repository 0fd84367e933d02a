module github.com/cstav3/cstav3

go 1.26.8
