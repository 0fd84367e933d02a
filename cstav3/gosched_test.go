package cstav3_test

import "time"

// runtimeGosched yields while polling a counter; the polls themselves have
// deadlines, this only keeps them from spinning a core.
func runtimeGosched() { time.Sleep(time.Millisecond) }
