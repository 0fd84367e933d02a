package ecma323

import (
	"errors"
	"reflect"
)

func codecAs[T any](err error, target *T) bool { return err != nil && errors.As(err, target) }

func reflectTypeOf(v any) reflect.Type { return reflect.TypeOf(v) }
