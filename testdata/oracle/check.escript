#!/usr/bin/env escript
%% Batch check of CSTA-ROSE-PDUs (module CSTA-Oracle-ROSE) against the Erlang/OTP asn1ct oracle.
%%
%% Usage: check.escript BUILD_DIR < lines
%%
%% Reads `name<TAB>hex` lines from stdin (blank lines and lines starting with '#' are skipped; text after a
%% second TAB is ignored). For each it decodes the hex with the oracle and encodes the decoded value again:
%%   name<TAB>ok                          the oracle's encoding is byte-identical to the input
%%   name<TAB>diff<TAB>oraclehex<TAB>term  it decodes, but the oracle encodes the value differently
%%   name<TAB>error<TAB>reason             it does not decode (bad hex, bad BER, trailing bytes, ...)
%% Everything runs in one VM. The exit status is 0 whatever the verdicts; 2 for a bad BUILD_DIR.
%% Note: the asn1ct decoder itself ignores bytes after the PDU; this script reports them as an error.
-mode(compile).

-define(PDU, 'CSTA-ROSE-PDU').
-define(MOD, 'CSTA-Oracle-ROSE').

main([Dir]) ->
    case code:add_patha(Dir) =:= true andalso code:ensure_loaded(?MOD) =:= {module, ?MOD} of
        true -> ok;
        false -> io:format(standard_error, "check.escript: no oracle build in ~s (see README.md)~n", [Dir]), halt(2)
    end,
    ok = io:setopts(standard_io, [binary]),
    loop(),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: check.escript BUILD_DIR < name<TAB>hex lines~n", []),
    halt(1).

loop() ->
    case io:get_line(standard_io, "") of
        eof -> ok;
        {error, E} -> io:format(standard_error, "check.escript: reading stdin: ~p~n", [E]);
        Line0 ->
            Line = rstrip(Line0),
            case Line of
                <<>> -> ok;
                <<"#", _/binary>> -> ok;
                _ -> io:put_chars(check_line(Line))
            end,
            loop()
    end.

check_line(Line) ->
    case binary:split(Line, <<"\t">>, [global]) of
        [Name, Hex | _] -> [Name, $\t, check(rstrip(Hex)), $\n];
        [Other] -> [Other, "\terror\tmalformed line: no TAB\n"]
    end.

check(Hex) ->
    case catch binary:decode_hex(Hex) of
        Bin when is_binary(Bin), Bin =/= <<>> -> check_bin(Bin);
        _ -> "error\tbad hex"
    end.

check_bin(Bin) ->
    case catch ?MOD:decode(?PDU, Bin) of
        {ok, Val} ->
            case catch asn1rt_nif:decode_ber_tlv(Bin) of
                {_, <<>>} -> reencode(Bin, Val);
                {_, Rest} when is_binary(Rest) ->
                    ["error\t", one_line({trailing_bytes, byte_size(Rest), hex(Rest)})];
                Other -> ["error\t", one_line({tlv, Other})]
            end;
        {ok, _Val, Rest} -> ["error\t", one_line({trailing_bytes, byte_size(Rest), hex(Rest)})];
        {error, {asn1, {Reason, Stack}}} when is_list(Stack) -> ["error\t", one_line(Reason)];
        {error, Reason} -> ["error\t", one_line(Reason)];
        {'EXIT', {Reason, _}} -> ["error\t", one_line(Reason)];
        Other -> ["error\t", one_line(Other)]
    end.

reencode(Bin, Val) ->
    case catch ?MOD:encode(?PDU, Val) of
        {ok, Enc0} ->
            case iolist_to_binary(Enc0) of
                Bin -> "ok";
                Enc -> ["diff\t", hex(Enc), $\t, one_line(Val)]
            end;
        Other -> ["error\t", one_line({reencode_failed, strip(Other)})]
    end.

strip({error, {asn1, {Reason, Stack}}}) when is_list(Stack) -> Reason;
strip(X) -> X.

hex(B) -> string:lowercase(binary:encode_hex(B)).

%% Trailing CR, LF, space and TAB removed.
rstrip(B) ->
    case binary:last(<<0, B/binary>>) of
        C when C =:= $\r; C =:= $\n; C =:= $\s; C =:= $\t -> rstrip(binary:part(B, 0, byte_size(B) - 1));
        _ -> B
    end.

%% A term on one line, in printable ASCII (no TAB, no newline).
one_line(Term) -> [esc(C) || C <- lists:flatten(io_lib:format("~0p", [Term]))].

esc($\t) -> "\\t";
esc($\n) -> "\\n";
esc($\r) -> "\\r";
esc(C) when C >= 32, C =< 126 -> C;
esc(C) -> io_lib:format("\\x{~.16b}", [C]).
