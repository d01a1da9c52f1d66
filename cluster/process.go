package cluster

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// Process is one child process of the cluster: PostgreSQL, the sandbox,
// an app instance or the load balancer.
type Process struct {
	Name   string
	cmd    *exec.Cmd
	exited chan struct{} // closed once it has exited and been reaped
}

// startProcess starts path with args and env (added to nothing: the
// child sees only env), its output to out. The child runs in a process
// group of its own, so a Ctrl-C in the terminal reaches only us and we
// stop the children in order; should we die first, the kernel kills it.
func startProcess(name string, out io.Writer, env []string, cred *syscall.Credential, path string, args ...string) (*Process, error) {
	cmd := exec.Command(path, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL, Credential: cred}
	p := &Process{Name: name, cmd: cmd, exited: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		// Pdeathsig fires when the thread that started the child ends, so
		// that thread lives as long as the child does.
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		cmd.Wait()
		close(p.exited)
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("cluster: start %s: %w", name, err)
	}
	return p, nil
}

// Exited is closed once the process has exited.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// Kill ends the process at once (SIGKILL, as a crash would) and waits
// for it.
func (p *Process) Kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// Stop asks the process to end (SIGTERM, or sig when given) and waits up
// to grace before killing it.
func (p *Process) Stop(grace time.Duration, sig ...syscall.Signal) error {
	s := syscall.SIGTERM
	if len(sig) > 0 {
		s = sig[0]
	}
	p.cmd.Process.Signal(s)
	select {
	case <-p.exited:
		return nil
	case <-time.After(grace):
		p.Kill()
		return fmt.Errorf("cluster: %s did not stop within %s; killed", p.Name, grace)
	}
}

// errExited means a process ended while we waited for it to be ready.
var errExited = errors.New("exited")
