#!/usr/bin/env escript
%%! -noinput
%% Random differential test vectors from the Erlang/OTP asn1ct oracle (see README.md).
%%
%% Usage: gen_random.escript BUILD_DIR SEED COUNT_PER_TYPE   random values, deterministic for a SEED
%%        gen_random.escript BUILD_DIR hipath                fixed HiPath-shaped values (hipath.tsv)
%%
%% Prints `name<TAB>hex`, one complete CSTA-ROSE-PDU (module CSTA-Oracle-ROSE) per line. Every value is
%% encoded, decoded and encoded again; a line is printed only if the second encoding is byte-identical to
%% the first and the decoder consumed every byte. A value the oracle cannot encode is reported on stderr
%% and the exit status is 1.
%%
%% Values follow rules that let a codec round-trip the bytes: strings 1..12 characters, OCTET STRINGs
%% 1..8 bytes, call ids and cross-reference ids 1..4 bytes, DEFAULT fields either absent or non-default,
%% named BIT STRINGs with at least one bit set. Records are built by field name from the .hrl files of
%% BUILD_DIR, so a misspelt field stops the script instead of shifting the tuple.
%%
%% Randomness comes only from rand (exsss, seeded {SEED,SEED,SEED}) and is drawn in a fixed order:
%% record fields are generated first to last (see rec/2) and no expression draws twice.
-mode(compile).

-define(N, asn1_NOVALUE).
-define(PDU, 'CSTA-ROSE-PDU').
-define(MOD, 'CSTA-Oracle-ROSE').

main([Dir, "hipath"]) ->
    setup(Dir),
    finish(lists:foldl(fun emit/2, 0, hipath()));
main([Dir, SeedS, CountS]) ->
    Seed = list_to_integer(SeedS),
    Count = list_to_integer(CountS),
    setup(Dir),
    _ = rand:seed(exsss, {Seed, Seed, Seed}),
    finish(lists:foldl(fun emit/2, 0, vectors(Count)));
main(_) ->
    io:format(standard_error, "usage: gen_random.escript BUILD_DIR SEED COUNT_PER_TYPE~n"
                              "       gen_random.escript BUILD_DIR hipath~n", []),
    halt(1).

finish(0) -> halt(0);
finish(Failed) -> io:format(standard_error, "gen_random: ~b value(s) failed~n", [Failed]), halt(1).

%% vectors(Count) yields {Name, fun() -> PDU value end}; the fun runs in emit/2 so the random stream is
%% consumed strictly in output order.
emit({Name, Gen}, Failed) ->
    T = Gen(),
    try
        {ok, B0} = ?MOD:encode(?PDU, T),
        B = iolist_to_binary(B0),
        {ok, T2} = ?MOD:decode(?PDU, B),
        {_, <<>>} = asn1rt_nif:decode_ber_tlv(B),
        {ok, B2} = ?MOD:encode(?PDU, T2),
        B = iolist_to_binary(B2),
        io:put_chars([Name, $\t, hex(B), $\n]),
        Failed
    catch C:R ->
        io:format(standard_error, "gen_random: ~s: cannot round-trip: ~P~n  value: ~P~n",
                  [Name, {C, R}, 12, T, 40]),
        Failed + 1
    end.

hex(B) -> string:lowercase(binary_to_list(binary:encode_hex(B))).

%% ---------------------------------------------------------------------------------------------------
%% Setup: code path, record field lists (from *.hrl), enumeration / named-bit names (from *.asn1).

setup(Dir) ->
    case code:add_patha(Dir) of
        true -> ok;
        _ -> io:format(standard_error, "gen_random: ~s is not a build folder~n", [Dir]), halt(2)
    end,
    {module, _} = code:ensure_loaded(?MOD),
    Hrls = lists:sort(filelib:wildcard(filename:join(Dir, "*.hrl"))),
    %% CSTA-Oracle-ROSE last: its Invoke/ReturnResult/ReturnError win over the X.880 ones.
    {Own, Other} = lists:partition(fun(F) -> filename:basename(F) =:= "CSTA-Oracle-ROSE.hrl" end, Hrls),
    Recs = lists:foldl(fun load_hrl/2, #{}, Other ++ Own),
    persistent_term:put(gen_random_records, Recs),
    persistent_term:put(gen_random_dir, Dir),
    ok.

load_hrl(File, Acc) ->
    {ok, Forms} = epp:parse_file(File, []),
    lists:foldl(fun({attribute, _, record, {Name, Fields}}, A) ->
                        A#{Name => [field(F) || F <- Fields]};
                   (_, A) -> A
                end, Acc, Forms).

field({typed_record_field, F, _}) -> field(F);
field({record_field, _, {atom, _, F}}) -> {F, undefined};
field({record_field, _, {atom, _, F}, {atom, _, D}}) -> {F, D}.

%% rec(RecordName, [{Field, ValueOrFun}]) builds the record tuple; funs are called in list order.
%% Unlisted fields take the .hrl default (asn1_NOVALUE / asn1_DEFAULT); a mandatory one must be listed.
rec(Name, Specs) ->
    Fields = case maps:find(Name, persistent_term:get(gen_random_records)) of
                 {ok, Fs} -> Fs;
                 error -> error({no_record, Name})
             end,
    Vals = lists:foldl(fun({K, V}, M) ->
                               lists:keymember(K, 1, Fields) orelse error({no_field, Name, K}),
                               M#{K => run(V)}
                       end, #{}, Specs),
    list_to_tuple([Name | [case maps:find(F, Vals) of
                               {ok, V} -> V;
                               error when D =/= undefined -> D;
                               error -> error({missing_field, Name, F})
                           end || {F, D} <- Fields]]).

run(F) when is_function(F, 0) -> F();
run(V) -> V.

%% Names of `Type ::= ENUMERATED {...}` or `Type ::= BIT STRING {...}` in BUILD_DIR/Module.asn1.
names(Module, Type) ->
    Key = {gen_random_names, Module, Type},
    case persistent_term:get(Key, undefined) of
        undefined ->
            File = filename:join(persistent_term:get(gen_random_dir), Module ++ ".asn1"),
            {ok, Text0} = file:read_file(File),
            Text = re:replace(Text0, "--[^\n]*", "", [global, {return, binary}]),
            {match, [Body]} = re:run(Text, "(?m)^" ++ Type ++ "\\s*::=\\s*(?:ENUMERATED|BIT\\s+STRING)\\s*\\{([^}]*)\\}",
                                     [{capture, all_but_first, binary}]),
            {match, Ns} = re:run(Body, "([A-Za-z][A-Za-z0-9-]*)\\s*\\(\\s*\\d+\\s*\\)",
                                 [global, {capture, all_but_first, list}]),
            L = [list_to_atom(N) || [N] <- Ns],
            persistent_term:put(Key, L),
            L;
        L -> L
    end.

%% ---------------------------------------------------------------------------------------------------
%% Random primitives. Each draws from rand in a fixed order.

u(N) -> rand:uniform(N).
chance(P) -> rand:uniform() < P.
range(Lo, Hi) -> Lo + u(Hi - Lo + 1) - 1.
pick(L) -> lists:nth(u(length(L)), L).
wpick(WL) -> wpick(u(lists:sum([W || {W, _} <- WL])), WL).
wpick(R, [{W, X} | _]) when R =< W -> X;
wpick(R, [{W, _} | T]) -> wpick(R - W, T).

rep(0, _) -> [];
rep(N, F) -> X = F(), [X | rep(N - 1, F)].

%% opt(P, G): a generator that is absent (asn1_NOVALUE) or, with probability P, G.
opt(P, G) -> fun() -> case chance(P) of true -> run(G); false -> ?N end end.
%% dflt(P, G): for DEFAULT fields: asn1_DEFAULT (not encoded) or, with probability P, G.
dflt(P, G) -> fun() -> case chance(P) of true -> run(G); false -> asn1_DEFAULT end end.

digits() -> rep(range(1, 12), fun() -> $0 + u(10) - 1 end).
-define(ALNUM, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").
alnum() -> rep(range(1, 12), fun() -> pick(?ALNUM) end).
octets(Lo, Hi) -> list_to_binary(rep(range(Lo, Hi), fun() -> u(256) - 1 end)).
octets() -> octets(1, 8).
bool() -> chance(0.5).

%% An INTEGER whose content is 1..4 bytes long, sometimes negative.
int_var(NegP) ->
    Len = wpick([{4, 1}, {3, 2}, {2, 3}, {1, 4}]),
    Neg = chance(NegP),
    Hi = (1 bsl (8 * Len - 1)) - 1,
    Lo = case Len of 1 -> 0; _ -> 1 bsl (8 * (Len - 1) - 1) end,
    V = range(Lo, Hi),
    case Neg of true -> -V - 1; false -> V end.
small_nonneg() -> wpick([{3, fun() -> range(0, 127) end}, {1, fun() -> range(128, 65535) end}]).
uint() -> run(small_nonneg()).

invoke_id() -> {present, int_var(0.2)}.
call_id() -> octets(1, 4).
xref() -> octets(1, 4).
enum(Module, Type) -> pick(names(Module, Type)).
cause() -> enum("CSTA-event-causes", "EventCause").
lcs() -> pick([null, initiated, alerting, connected, hold, queued, fail]).

%% A non-empty random subset of the named bits, in definition order.
bits(Module, Type) ->
    All = names(Module, Type),
    Set = [B || B <- All, chance(0.3)],
    case Set of [] -> [pick(All)]; _ -> Set end.
call_chars() -> bits("CSTA-call-control", "CallCharacteristics").

%% GeneralizedTime YYYYMMDDHHMMSS, with or without a 'Z'.
timestamp() ->
    Y = range(1990, 2037), Mo = range(1, 12), D = range(1, 28),
    H = range(0, 23), Mi = range(0, 59), S = range(0, 59),
    Z = case chance(0.5) of true -> "Z"; false -> "" end,
    lists:flatten(io_lib:format("~4..0B~2..0B~2..0B~2..0B~2..0B~2..0B~s", [Y, Mo, D, H, Mi, S, Z])).

%% ---------------------------------------------------------------------------------------------------
%% Identifiers, devices, connections, common arguments.

device() ->
    rec('DeviceID', [{deviceIdentifier, fun device_identifier/0},
                     {privateNumber, opt(0.15, fun digits/0)},
                     {privateName, opt(0.15, fun alnum/0)}]).

device_identifier() ->
    case wpick([{70, dialingNumber}, {5, deviceNumber}, {5, implicitPublic}, {5, explicitPublic},
                {5, implicitPrivate}, {5, explicitPrivate}, {5, other}]) of
        dialingNumber -> {dialingNumber, digits()};
        deviceNumber -> {deviceNumber, int_var(0.0)};
        implicitPublic -> {implicitPublic, digits()};
        implicitPrivate -> {implicitPrivate, digits()};
        explicitPublic ->
            Ton = pick([unknown, international, national, networkspecific, subscriber, abbreviated]),
            {explicitPublic, {Ton, digits()}};
        explicitPrivate ->
            Ton = pick([unknown, level3RegionalNumber, level2RegionalNumber, level1RegionalNumber,
                        pTNSpecificNumber, localNumber, abbreviated]),
            {explicitPrivate, {Ton, digits()}};
        other -> {other, octets()}
    end.

%% Subject/Calling/Called/Associated*/Network* device ids share one Erlang shape.
role() ->
    case wpick([{84, dev}, {8, notKnown}, {8, restricted}]) of
        dev -> {deviceIdentifier, device()};
        K -> {K, 'NULL'}
    end.
redirection() ->
    case wpick([{45, dev}, {25, notKnown}, {10, notRequired}, {10, notSpecified}, {10, restricted}]) of
        dev -> {numberdialed, device()};
        K -> {K, 'NULL'}
    end.

local_device() ->
    case wpick([{9, static}, {1, dynamic}]) of
        static -> {staticID, device()};
        dynamic -> {dynamicID, octets()}
    end.
%% ConnectionID (also the value of the ConnectionID-C fields).
conn() ->
    case wpick([{76, both}, {12, callID}, {12, deviceID}]) of
        both -> {both, rec('ConnectionID-C_both', [{callID, fun call_id/0}, {deviceID, fun local_device/0}])};
        callID -> {callID, call_id()};
        deviceID -> {deviceID, local_device()}
    end.

extensions() -> opt(0.3, fun common_args/0).
common_args() ->
    Kind = pick([security, private, both]),
    Sec = case Kind of private -> ?N; _ -> rec('CSTASecurityData', [{timestamp, fun timestamp/0}]) end,
    Priv = case Kind of security -> ?N; _ -> [{string, octets()}] end,
    rec('CSTACommonArguments', [{security, Sec}, {privateData, Priv}]).

call_linkage() ->
    rec('CallLinkageData',
        [{globalCallData, fun() -> rec('GlobalCallData',
            [{globalCallSwitchingSubDomainName, opt(0.3, fun alnum/0)},
             {globalCallLinkageID, fun() -> {pick([subDomainCallLinkageID, globallyUniqueCallLinkageID]), octets()} end},
             {callLinkageIDTimestamp, opt(0.3, fun timestamp/0)}]) end},
         {threadData, opt(0.3, fun() -> rec('ThreadData',
            [{threadSwitchingSubDomainName, opt(0.3, fun alnum/0)},
             {threadLinkageID, fun() -> {pick([subDomainThreadID, globallyUniqueThreadID]), octets()} end},
             {threadIDTimeStamp, opt(0.3, fun timestamp/0)}]) end)}]).
call_linkage_list() ->
    rec('CallLinkageDataList', [{newCallLinkageData, fun call_linkage/0}, {oldCallLinkageData, fun call_linkage/0}]).

connection_list() ->
    rep(range(1, 3), fun() -> rec('ConnectionList_SEQOF',
        [{newConnection, opt(0.8, fun conn/0)},
         {oldConnection, opt(0.6, fun conn/0)},
         {endpoint, opt(0.7, fun() -> case wpick([{8, dev}, {1, notKnown}, {1, restricted}]) of
                                          dev -> {deviceID, device()};
                                          K -> {K, 'NULL'}
                                      end end)},
         {associatedNID, opt(0.2, fun() -> case chance(0.7) of
                                               true -> {deviceID, device()};
                                               false -> {notKnown, 'NULL'}
                                           end end)}]) end).

charging_info() ->
    rec('ChargingInfo',
        [{numberUnits, fun() -> case chance(0.5) of
            true -> {numberOfChargeUnits, rep(range(1, 2), fun() -> rec('NumberOfChargingUnits_SEQOF',
                        [{chargingUnits, fun uint/0}, {typeOfUnits, opt(0.5, fun octets/0)}]) end)};
            false -> {numberOfCurrencyUnits, rec('NumberOfCurrencyUnits',
                        [{currencyType, fun octets/0}, {currencyAmount, fun uint/0},
                         {currencyMultiplier, fun() -> pick([oneThousandth, oneHundredth, oneTenth, one,
                                                             ten, hundred, thousand]) end}])}
            end end},
         {typeOfChargingInfo, fun() -> pick([subTotal, total]) end}]).

monitor_filter() ->
    M = "CSTA-application-context-information-csta3",
    rec('MonitorFilter', [{F, dflt(0.5, fun() -> bits(M, T) end)} || {F, T} <-
        [{callControl, "CallControlEvents"}, {callAssociated, "CallAssociatedEvents"},
         {mediaAttachment, "MediaAttachmentEvents"}, {physicalDeviceFeature, "PhysicalDeviceFeatureEvents"},
         {logicalDeviceFeature, "LogicalDeviceFeatureEvents"}, {maintenance, "DeviceMaintenanceEvents"},
         {voiceUnit, "VoiceUnitEvents"}, {private, "VendorSpecEvents"}]]).
media_class() -> bits("CSTA-status-reporting", "MonitorMediaClass").

%% Field generators shared by the call events (optional fields, brief-required ones at 50%).
-define(P, 0.5).     % correlatorData, userData, callLinkageData, localConnectionInfo, network/associated devices
-define(X, 0.15).    % extras: callCharacteristics, subjectOfCall, languagePreferences, chargingInfo
o_lcs() -> opt(?P, fun lcs/0).
o_oct() -> opt(?P, fun octets/0).
o_role() -> opt(?P, fun role/0).
o_cld() -> opt(?P, fun call_linkage/0).
o_chars() -> opt(?X, fun call_chars/0).
o_str() -> opt(?X, fun alnum/0).

%% ---------------------------------------------------------------------------------------------------
%% Event reports (operation 21).

events() ->
    [{callControlEvents, bridged, 'BridgedEvent',
      [{bridgedConnection, fun conn/0}, {bridgedAppearance, fun role/0}, {localConnectionInfo, o_lcs()},
       {correlatorData, o_oct()}, {userData, o_oct()}, {cause, fun cause/0},
       {callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {languagePreferences, o_str()}]},
     {callControlEvents, callCleared, 'CallClearedEvent',
      [{clearedCall, fun conn/0}, {correlatorData, o_oct()}, {userData, o_oct()}, {cause, fun cause/0},
       {callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {languagePreferences, o_str()}]},
     {callControlEvents, conferenced, 'ConferencedEvent',
      [{primaryOldCall, fun conn/0}, {secondaryOldCall, opt(?P, fun conn/0)},
       {conferencingDevice, fun role/0}, {addedParty, fun role/0}, {conferenceConnections, fun connection_list/0},
       {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()}, {userData, o_oct()}, {cause, fun cause/0},
       {callCharacteristics, o_chars()}, {callLinkageDataList, opt(?P, fun call_linkage_list/0)},
       {languagePreferences, o_str()}]},
     {callControlEvents, connectionCleared, 'ConnectionClearedEvent',
      [{droppedConnection, fun conn/0}, {releasingDevice, fun role/0}, {localConnectionInfo, o_lcs()},
       {correlatorData, o_oct()}, {userData, o_oct()}, {chargingInfo, opt(?X, fun charging_info/0)},
       {cause, fun cause/0}, {callCharacteristics, o_chars()}, {callLinkageData, o_cld()},
       {languagePreferences, o_str()}]},
     {callControlEvents, delivered, 'DeliveredEvent',
      [{connection, fun conn/0}, {alertingDevice, fun role/0} | alerting_fields()]},
     {callControlEvents, digitsDialed, 'DigitsDialedEvent',
      [{dialingConnection, fun conn/0}, {dialingDevice, fun role/0}, {dialingSequence, fun device/0},
       {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()}, {cause, fun cause/0} |
       network_fields() ++
       [{callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {languagePreferences, o_str()}]]},
     {callControlEvents, diverted, 'DivertedEvent',
      [{connection, fun conn/0}, {divertingDevice, fun role/0}, {newDestination, fun role/0},
       {callingDevice, o_role()}, {calledDevice, o_role()}, {lastRedirectionDevice, fun redirection/0},
       {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()}, {userData, o_oct()}, {cause, fun cause/0},
       {callCharacteristics, o_chars()} | network_fields() ++
       [{callLinkageData, o_cld()}, {subjectOfCall, o_str()}, {languagePreferences, o_str()}]]},
     {callControlEvents, established, 'EstablishedEvent',
      [{establishedConnection, fun conn/0}, {answeringDevice, fun role/0} | alerting_fields()]},
     {callControlEvents, failed, 'FailedEvent',
      [{failedConnection, fun conn/0}, {failingDevice, fun role/0} | alerting_fields()]},
     {callControlEvents, held, 'HeldEvent',
      [{heldConnection, fun conn/0}, {holdingDevice, fun role/0} | simple_fields()]},
     {callControlEvents, networkCapabilitiesChanged, 'NetworkCapabilitiesChangedEvent',
      [{outboundConnection, fun conn/0}, {networkInterfaceUsed, fun role/0}, {calledDevice, fun role/0},
       {progressIndicator, fun progress/0}, {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()},
       {userData, o_oct()}, {networkCapability, opt(?P, fun net_capability/0)}, {cause, fun cause/0},
       {callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {languagePreferences, o_str()}]},
     {callControlEvents, networkReached, 'NetworkReachedEvent',
      [{outboundConnection, fun conn/0}, {networkInterfaceUsed, fun role/0}, {callingDevice, fun role/0},
       {calledDevice, fun role/0}, {lastRedirectionDevice, fun redirection/0},
       {originatingNIDConneciton, opt(?X, fun conn/0)}, {localConnectionInfo, o_lcs()},
       {correlatorData, o_oct()}, {userData, o_oct()}, {networkCapability, opt(?P, fun net_capability/0)},
       {cause, fun cause/0}, {callCharacteristics, o_chars()}, {networkCallingDevice, o_role()},
       {networkCalledDevice, o_role()}, {associatedCallingDevice, o_role()}, {callLinkageData, o_cld()},
       {languagePreferences, o_str()}]},
     {callControlEvents, offered, 'OfferedEvent',
      [{offeredConnection, fun conn/0}, {offeredDevice, fun role/0} | alerting_fields()]},
     {callControlEvents, originated, 'OriginatedEvent',
      [{originatedConnection, fun conn/0}, {callingDevice, fun role/0}, {calledDevice, fun role/0},
       {originatingDevice, opt(?P, fun device/0)}, {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()},
       {cause, fun cause/0} | network_fields() ++
       [{callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {subjectOfCall, o_str()},
        {languagePreferences, o_str()}]]},
     {callControlEvents, queued, 'QueuedEvent',
      [{queuedConnection, fun conn/0}, {queue, fun role/0}, {callingDevice, fun role/0},
       {calledDevice, fun role/0}, {lastRedirectionDevice, fun redirection/0},
       {numberQueued, opt(?P, fun uint/0)}, {callsInFront, opt(?P, fun uint/0)},
       {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()}, {userData, o_oct()}, {cause, fun cause/0} |
       network_fields() ++
       [{callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {subjectOfCall, o_str()},
        {languagePreferences, o_str()}]]},
     {callControlEvents, retrieved, 'RetrievedEvent',
      [{retrievedConnection, fun conn/0}, {retrievingDevice, fun role/0} | simple_fields()]},
     {callControlEvents, serviceInitiated, 'ServiceInitiatedEvent',
      [{initiatedConnection, fun conn/0}, {initiatingDevice, fun role/0}, {calledDevice, o_role()},
       {localConnectionInfo, o_lcs()}, {correlatorData, o_oct()}, {cause, fun cause/0},
       {callCharacteristics, o_chars()}, {networkCallingDevice, o_role()}, {networkCalledDevice, o_role()},
       {associatedCallingDevice, o_role()}, {callLinkageData, o_cld()}, {subjectOfCall, o_str()},
       {languagePreferences, o_str()}]},
     {callControlEvents, transferred, 'TransferredEvent',
      [{primaryOldCall, fun conn/0}, {secondaryOldCall, opt(?P, fun conn/0)},
       {transferringDevice, fun role/0}, {transferredToDevice, fun role/0},
       {transferredConnections, fun connection_list/0}, {localConnectionInfo, o_lcs()},
       {correlatorData, o_oct()}, {userData, o_oct()}, {chargingInfo, opt(?X, fun charging_info/0)},
       {cause, fun cause/0}, {callCharacteristics, o_chars()},
       {callLinkageDataList, opt(?P, fun call_linkage_list/0)}, {languagePreferences, o_str()}]},

     {logicalDeviceFeatureEvents, doNotDisturb, 'DoNotDisturbEvent',
      [{device, fun role/0}, {doNotDisturbOn, fun bool/0},
       {callOrigination, opt(?P, fun() -> bits("CSTA-device-feature-types", "CallOrigination") end)},
       {callingDeviceList, opt(?P, fun() -> rep(range(1, 3), fun device/0) end)}]},
     {logicalDeviceFeatureEvents, forwarding, 'ForwardingEvent',
      [{device, fun role/0},
       {forwardingType, opt(?P, fun() -> enum("CSTA-device-feature-types", "ForwardingType") end)},
       {forwardStatus, fun bool/0}, {forwardTo, opt(?P, fun device/0)},
       {forwardDefault, opt(?P, fun() -> enum("CSTA-device-feature-types", "ForwardDefault") end)},
       {ringCount, opt(?P, fun() -> range(1, 100) end)}, {ringDuration, opt(?P, fun uint/0)}]},
     {logicalDeviceFeatureEvents, agentLoggedOn, 'AgentLoggedOnEvent', agent_fields(password)},
     {logicalDeviceFeatureEvents, agentLoggedOff, 'AgentLoggedOffEvent', agent_fields(password)},
     {logicalDeviceFeatureEvents, agentReady, 'AgentReadyEvent', agent_fields(none)},
     {logicalDeviceFeatureEvents, agentNotReady, 'AgentNotReadyEvent', agent_fields(none)},
     {logicalDeviceFeatureEvents, agentBusy, 'AgentBusyEvent',
      agent_fields({pending, fun() -> enum("CSTA-device-feature-types", "PendingAgentState") end})},
     {logicalDeviceFeatureEvents, agentWorkingAfterCall, 'AgentWorkingAfterCallEvent',
      agent_fields({pending, fun() -> pick([notReady, ready, null]) end})},

     {deviceMaintenanceEvents, backInService, 'BackInServiceEvent',
      [{device, fun role/0}, {cause, opt(?P, fun cause/0)}]},
     {deviceMaintenanceEvents, outOfService, 'OutOfServiceEvent',
      [{device, fun role/0}, {cause, opt(?P, fun cause/0)}]}].

%% Fields after the subject device of delivered/established/failed/offered (identical lists in ECMA-285).
alerting_fields() ->
    [{callingDevice, fun role/0}, {calledDevice, fun role/0}, {lastRedirectionDevice, fun redirection/0},
     {originatingNIDConnection, opt(?X, fun conn/0)}, {localConnectionInfo, o_lcs()},
     {correlatorData, o_oct()}, {userData, o_oct()}, {cause, fun cause/0} | network_fields()] ++
    [{callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {subjectOfCall, o_str()},
     {languagePreferences, o_str()}].
network_fields() ->
    [{networkCallingDevice, o_role()}, {networkCalledDevice, o_role()},
     {associatedCallingDevice, o_role()}, {associatedCalledDevice, o_role()}].
%% held, retrieved
simple_fields() ->
    [{localConnectionInfo, o_lcs()}, {correlatorData, o_oct()}, {cause, fun cause/0},
     {callCharacteristics, o_chars()}, {callLinkageData, o_cld()}, {languagePreferences, o_str()}].
agent_fields(Extra) ->
    [{agentDevice, fun role/0}, {agentID, opt(?P, fun octets/0)}, {acdGroup, opt(?P, fun device/0)}] ++
    case Extra of
        password -> [{agentPassword, opt(?P, fun octets/0)}];
        {pending, G} -> [{pendingAgentState, opt(?P, G)}];
        none -> []
    end ++ [{cause, opt(?P, fun cause/0)}].

progress() ->
    rec('ProgressIndicator',
        [{progressLocation, fun() -> pick([user, privateNetServingLocal, publicNetServingLocal, transitNetwork,
                                           publicNetServingRemote, privateNetServingRemote, localInterface,
                                           internationalNetwork, networkBeyondInterwk, other]) end},
         {progressDescription, fun() -> pick([iSDNProgressDesc, qSIGProgressDesc, other]) end}]).
net_capability() ->
    rec('NetworkCapability',
        [{networkType, fun() -> pick([iSDNPublic, nonISDNPublic, iSDNPrivate, nonISDNPrivate, other]) end},
         {eventsProvided, opt(?P, fun() ->
             All = [bridged, allCleared, conferenced, connectionCleared, delivered, digitsDialed, diverted,
                    established, failed, held, networkCapabilitiesChange, networkReached, offered, originated,
                    queued, retrieved, serviceInitiated, transferred],
             case [B || B <- All, chance(0.3)] of [] -> [pick(All)]; S -> S end end)}]).

event_pdu(Category, Event, Record, Fields) ->
    Id = invoke_id(),
    Arg = rec('CSTAEventReportArgument',
              [{crossRefIdentifier, fun xref/0},
               {eventSpecificInfo, fun() -> {Category, {Event, rec(Record, Fields ++ [{extensions, extensions()}])}} end}]),
    {invoke, rec('Invoke', [{invokeId, Id}, {opcode, {local, 21}}, {argument, Arg}])}.

%% ---------------------------------------------------------------------------------------------------
%% Services: {Name, OpCode, ArgumentGen, ResultGen}.

-define(EXT, {extensions, extensions()}).
ext_or_nodata() ->
    case chance(0.5) of
        true -> {extensions, common_args()};
        false -> {noData, 'NULL'}
    end.

services() ->
    [{monitorStart, 71,
      fun() -> rec('MonitorStartArgument',
          [{monitorObject, fun() -> case chance(0.8) of
                                        true -> {deviceObject, device()};
                                        false -> {callObject, conn()}
                                    end end},
           {requestedMonitorFilter, opt(?P, fun monitor_filter/0)},
           {monitorType, opt(?P, fun() -> pick([call, device]) end)},
           {requestedMonitorMediaClass, opt(?P, fun media_class/0)}, ?EXT]) end,
      fun() -> rec('MonitorStartResult',
          [{crossRefIdentifier, fun xref/0}, {actualmonitorFilter, opt(?P, fun monitor_filter/0)},
           {actualMonitorMediaClass, opt(?P, fun media_class/0)}, {monitorExistingCalls, opt(?P, fun bool/0)},
           ?EXT]) end},
     {monitorStop, 73,
      fun() -> rec('MonitorStopArgument', [{crossRefIdentifier, fun xref/0}, ?EXT]) end,
      fun ext_or_nodata/0},
     {changeMonitorFilter, 72,
      fun() -> rec('ChangeMonitorFilterArgument',
          [{crossRefIdentifier, fun xref/0}, {requestedFilterList, fun monitor_filter/0}, ?EXT]) end,
      fun() -> rec('ChangeMonitorFilterResult', [{actualFilterList, opt(?P, fun monitor_filter/0)}, ?EXT]) end},
     {snapshotDevice, 74,
      fun() -> rec('SnapshotDeviceArgument', [{snapshotObject, fun device/0}, ?EXT]) end,
      fun() -> rec('SnapshotDeviceResult',
          [{crossRefIDorSnapshotData, fun() -> case chance(0.2) of
                true -> {serviceCrossRefID, xref()};
                false -> {snapshotData, rep(range(0, 3), fun snapshot_device_entry/0)}
            end end}, ?EXT]) end},
     {snapshotCall, 75,
      fun() -> rec('SnapshotCallArgument', [{snapshotObject, fun conn/0}, ?EXT]) end,
      fun() -> rec('SnapshotCallResult',
          [{crossRefIDorSnapshotData, fun() -> case chance(0.2) of
                true -> {serviceCrossRefID, xref()};
                false -> {snapshotData, rep(range(0, 3), fun snapshot_call_entry/0)}
            end end},
           {callCharacteristics, o_chars()}, {callingDevice, o_role()}, {calledDevice, o_role()},
           {associatedCallingDeviceID, o_role()}, {associatedCalledDeviceID, o_role()},
           {correlatorData, o_oct()}, {callLinkageData, o_cld()}, {subjectOfCall, o_str()},
           {languagePreferences, o_str()}, ?EXT]) end},
     {systemStatus, 211,
      fun() -> rec('SystemStatusArg',
          [{sysStatRegisterID, opt(?P, fun octets/0)},
           {systemStatus, fun() -> enum("CSTA-device-feature-types", "SystemStatus") end}, ?EXT]) end,
      fun ext_or_nodata/0},
     {makeCall, 10,
      fun() -> rec('MakeCallArgument',
          [{callingDevice, fun device/0}, {calledDirectoryNumber, fun device/0},
           {accountCode, opt(?X, fun octets/0)}, {authCode, opt(?X, fun octets/0)},
           {autoOriginate, dflt(0.3, doNotPrompt)}, {correlatorData, o_oct()}, {userData, o_oct()},
           {callCharacteristics, o_chars()}, {subjectOfCall, o_str()}, {languagePreferences, o_str()},
           {reason, opt(?X, fun cause/0)}, ?EXT]) end,
      fun() -> rec('MakeCallResult', [{callingDevice, fun conn/0}, {callLinkageData, o_cld()}, ?EXT]) end},
     {answerCall, 2,
      fun() -> rec('AnswerCallArgument',
          [{callToBeAnswered, fun conn/0}, {correlatorData, o_oct()}, {userData, o_oct()}, ?EXT]) end,
      fun ext_or_nodata/0},
     {clearConnection, 5,
      fun() -> rec('ClearConnectionArgument',
          [{connectionToBeCleared, fun conn/0}, {correlatorData, o_oct()}, {userData, o_oct()},
           {reason, opt(?P, fun cause/0)}, ?EXT]) end,
      fun ext_or_nodata/0},
     {clearCall, 4,
      fun() -> rec('ClearCallArgument',
          [{callToBeCleared, fun conn/0}, {userData, o_oct()}, {reason, opt(?P, fun cause/0)}, ?EXT]) end,
      fun ext_or_nodata/0},
     {holdCall, 9,
      fun() -> rec('HoldCallArgument',
          [{callToBeHeld, fun conn/0}, {connectionReservation, opt(?P, fun bool/0)}, ?EXT]) end,
      fun ext_or_nodata/0},
     {retrieveCall, 14,
      fun() -> rec('RetrieveCallArgument', [{callToBeRetrieved, fun conn/0}, ?EXT]) end,
      fun ext_or_nodata/0},
     {consultationCall, 7,
      fun() -> rec('ConsultationCallArgument',
          [{existingCall, fun conn/0}, {consultedDevice, fun device/0},
           {connectionReservation, opt(?P, fun bool/0)}, {accountCode, opt(?X, fun octets/0)},
           {authCode, opt(?X, fun octets/0)}, {correlatorData, o_oct()}, {userData, o_oct()},
           {callCharacteristics, o_chars()},
           {consultOptions, dflt(0.3, fun() -> pick([consultOnly, transferOnly, conferenceOnly]) end)},
           {subjectOfCall, o_str()}, {languagePreferences, o_str()}, ?EXT]) end,
      fun() -> rec('ConsultationCallResult', [{initiatedCall, fun conn/0}, {callLinkageData, o_cld()}, ?EXT]) end},
     {transferCall, 16,
      fun() -> rec('TransferCallArgument', [{heldCall, fun conn/0}, {activeCall, fun conn/0}, ?EXT]) end,
      fun() -> rec('TransferCallResult',
          [{transferredCall, fun conn/0}, {connections, opt(?P, fun connection_list/0)},
           {callLinkageDataList, opt(?P, fun call_linkage_list/0)}, ?EXT]) end},
     {singleStepTransfer, 50,
      fun() -> rec('SingleStepTransArgument',
          [{activeCall, fun conn/0}, {transferredTo, fun device/0}, {accountCode, opt(?X, fun octets/0)},
           {authCode, opt(?X, fun octets/0)}, {correlatorData, o_oct()}, {userData, o_oct()},
           {callCharacteristics, o_chars()}, {subjectOfCall, o_str()}, {languagePreferences, o_str()},
           {reason, opt(?X, fun cause/0)}, ?EXT]) end,
      fun() -> rec('SingleStepTransResult',
          [{transferredCall, fun conn/0}, {connections, opt(?P, fun connection_list/0)},
           {callLinkageDataList, opt(?P, fun call_linkage_list/0)}, ?EXT]) end},
     {conferenceCall, 6,
      fun() -> rec('ConferenceCallArgument', [{heldCall, fun conn/0}, {activeCall, fun conn/0}, ?EXT]) end,
      fun() -> rec('ConferenceCallResult',
          [{conferenceCall, fun conn/0}, {connections, opt(?P, fun connection_list/0)},
           {callLinkageDataList, opt(?P, fun call_linkage_list/0)}, ?EXT]) end},
     {alternateCall, 1,
      fun() -> rec('AlternateCallArgument',
          [{heldCall, fun conn/0}, {activeCall, fun conn/0}, {connectionReservation, opt(?P, fun bool/0)},
           {consultOptions, dflt(0.3, fun() -> pick([consultOnly, transferOnly, conferenceOnly]) end)},
           ?EXT]) end,
      fun ext_or_nodata/0},
     {reconnectCall, 13,
      fun() -> rec('ReconnectCallArgument', [{activeCall, fun conn/0}, {heldCall, fun conn/0}, ?EXT]) end,
      fun ext_or_nodata/0},
     {deflectCall, 218,
      fun() -> rec('DeflectCallArgument',
          [{callToBeDiverted, fun conn/0}, {newDestination, fun device/0},
           {addNewDestinationsList, opt(?X, fun() -> rep(range(1, 3), fun device/0) end)},
           {correlatorData, o_oct()}, {userData, o_oct()}, {callCharacteristics, o_chars()},
           {subjectOfCall, o_str()}, {languagePreferences, o_str()}, {reason, opt(?X, fun cause/0)},
           ?EXT]) end,
      fun ext_or_nodata/0}].

snapshot_device_entry() ->
    rec('SnapshotDeviceResponseInfo',
        [{connectionIdentifier, fun conn/0}, {endpointDevice, opt(?P, fun role/0)},
         {localCallState, fun() -> case wpick([{6, compound}, {3, simple}, {1, unknown}]) of
             compound -> {compoundCallState, rep(range(1, 3), fun lcs/0)};
             simple -> {simpleCallState, enum("CSTA-status-reporting", "SimpleCallState")};
             unknown -> {unknown, 'NULL'}
           end end},
         {callLinkageData, opt(0.3, fun call_linkage/0)}]).
snapshot_call_entry() ->
    rec('SnapshotCallResponseInfo',
        [{deviceOnCall, fun role/0}, {callIdentifier, opt(?P, fun conn/0)},
         {localConnectionState, opt(?P, fun lcs/0)}]).

invoke_pdu(Op, Arg) ->
    Id = invoke_id(),
    {invoke, rec('Invoke', [{invokeId, Id}, {opcode, {local, Op}}, {argument, Arg}])}.
result_pdu(Op, Res) ->
    Id = invoke_id(),
    {returnResult, rec('ReturnResult', [{invokeId, Id}, {result,
        fun() -> rec('ReturnResult_result', [{opcode, {local, Op}}, {result, Res}]) end}])}.

%% ---------------------------------------------------------------------------------------------------
%% Errors and rejects.

errors() ->
    E = "CSTA-error-definition",
    [{operation, operation, fun() -> enum(E, "OperationErrors") end},
     {security, security, fun() -> enum(E, "SecurityErrors") end},
     {state, stateIncompatibility, fun() -> enum(E, "StateIncompatibilityErrors") end},
     {systemResource, systemResourceAvailability, fun() -> enum(E, "SystemResourceAvailabilityErrors") end},
     {subscribedResource, subscribedResourceAvailability,
      fun() -> enum(E, "SubscribedResourceAvailabilityErrors") end},
     {performance, performanceManagement, fun() -> enum(E, "PerformanceManagementErrors") end},
     {privateData, privateData, fun() -> enum(E, "PrivateDataInfoErrors") end},
     {unspecified, unspecified, 'NULL'}].

error_pdu(Branch, G) ->
    Id = invoke_id(),
    {returnError, rec('ReturnError', [{invokeId, Id}, {errcode, {local, 1}},
                                      {parameter, fun() -> {Branch, run(G)} end}])}.

reject_problems() ->
    [{general, [unrecognizedPDU, mistypedPDU, badlyStructuredPDU]},
     {invoke, [duplicateInvocation, unrecognizedOperation, mistypedArgument, resourceLimitation,
               releaseInProgress, unrecognizedLinkedId, linkedResponseUnexpected, unexpectedLinkedOperation]},
     {returnResult, [unrecognizedInvocation, resultResponseUnexpected, mistypedResult]},
     {returnError, [unrecognizedInvocation, errorResponseUnexpected, unrecognizedError, unexpectedError,
                    mistypedParameter]}].

%% A reject may carry the `absent` (NULL) invoke id of X.880 when the PDU's id could not be read.
reject_pdu(Kind, Problems) ->
    Id = case chance(0.1) of true -> {absent, 'NULL'}; false -> invoke_id() end,
    {reject, rec('Reject', [{invokeId, Id}, {problem, fun() -> {Kind, pick(Problems)} end}])}.

%% ---------------------------------------------------------------------------------------------------

name(Parts) -> lists:flatten(lists:join("_", [if is_atom(P) -> atom_to_list(P);
                                                   is_integer(P) -> integer_to_list(P);
                                                   true -> P end || P <- Parts])).

vectors(Count) ->
    Ns = lists:seq(0, Count - 1),
    [{name(["event", Ev, I]), fun() -> event_pdu(Cat, Ev, Rec, Fields) end}
     || {Cat, Ev, Rec, Fields} <- events(), I <- Ns] ++
    lists:append([[{name(["arg", Op, I]), fun() -> invoke_pdu(Code, ArgG) end} || I <- Ns] ++
                  [{name(["res", Op, I]), fun() -> result_pdu(Code, ResG) end} || I <- Ns]
                  || {Op, Code, ArgG, ResG} <- services()]) ++
    [{name(["err", Short, I]), fun() -> error_pdu(Branch, G) end} || {Short, Branch, G} <- errors(), I <- Ns] ++
    [{name(["reject", K * length(reject_problems()) + J]), fun() -> reject_pdu(Kind, Ps) end}
     || K <- Ns, {J, {Kind, Ps}} <- lists:enumerate(0, reject_problems())].

%% ---------------------------------------------------------------------------------------------------
%% HiPath-shaped fixed values: 2-byte call ids and cross references, dialingNumber devices, extensions
%% carrying only a security timestamp without zone (as a HiPath 4000 sends them).

hp_dev(Digits) -> rec('DeviceID', [{deviceIdentifier, {dialingNumber, Digits}}]).
hp_subj(Digits) -> {deviceIdentifier, hp_dev(Digits)}.
hp_conn(Call, Digits) -> {both, rec('ConnectionID-C_both', [{callID, Call}, {deviceID, {staticID, hp_dev(Digits)}}])}.
hp_ext(Ts) -> rec('CSTACommonArguments', [{security, rec('CSTASecurityData', [{timestamp, Ts}])}]).
hp_event(Id, Ev, Record, Fields) ->
    {invoke, rec('Invoke', [{invokeId, {present, Id}}, {opcode, {local, 21}},
        {argument, rec('CSTAEventReportArgument',
            [{crossRefIdentifier, <<0, 1>>}, {eventSpecificInfo, {callControlEvents, {Ev, rec(Record, Fields)}}}])}])}.
hp_result(Id, Op, Res) ->
    {returnResult, rec('ReturnResult', [{invokeId, {present, Id}},
        {result, rec('ReturnResult_result', [{opcode, {local, Op}}, {result, Res}])}])}.

hipath() ->
    C1 = <<16#b1, 16#64>>, C2 = <<16#b1, 16#65>>, C3 = <<16#00, 16#2a>>,
    Ext = fun(S) -> {extensions, hp_ext("20100916" ++ S)} end,
    [{"hipath_event_delivered_internal", fun() -> hp_event(5, delivered, 'DeliveredEvent',
        [{connection, hp_conn(C1, "100")}, {alertingDevice, hp_subj("100")}, {callingDevice, hp_subj("200")},
         {calledDevice, hp_subj("100")}, {lastRedirectionDevice, {notKnown, 'NULL'}},
         {localConnectionInfo, alerting}, {cause, newCall}, Ext("120000")]) end},
     {"hipath_event_delivered_external", fun() -> hp_event(6, delivered, 'DeliveredEvent',
        [{connection, hp_conn(C2, "100")}, {alertingDevice, hp_subj("100")},
         {callingDevice, hp_subj("0891234567")}, {calledDevice, hp_subj("100")},
         {lastRedirectionDevice, {notKnown, 'NULL'}}, {localConnectionInfo, alerting}, {cause, newCall},
         {networkCallingDevice, hp_subj("0891234567")}, {networkCalledDevice, hp_subj("4989700100")},
         Ext("120001")]) end},
     {"hipath_event_established", fun() -> hp_event(7, established, 'EstablishedEvent',
        [{establishedConnection, hp_conn(C1, "100")}, {answeringDevice, hp_subj("100")},
         {callingDevice, hp_subj("200")}, {calledDevice, hp_subj("100")},
         {lastRedirectionDevice, {notKnown, 'NULL'}}, {localConnectionInfo, connected}, {cause, newCall},
         Ext("120005")]) end},
     {"hipath_event_connectionCleared", fun() -> hp_event(8, connectionCleared, 'ConnectionClearedEvent',
        [{droppedConnection, hp_conn(C1, "200")}, {releasingDevice, hp_subj("200")},
         {localConnectionInfo, null}, {cause, normalClearing}, Ext("120110")]) end},
     {"hipath_event_originated", fun() -> hp_event(9, originated, 'OriginatedEvent',
        [{originatedConnection, hp_conn(C3, "100")}, {callingDevice, hp_subj("100")},
         {calledDevice, hp_subj("300")}, {localConnectionInfo, connected}, {cause, newCall},
         Ext("120200")]) end},
     {"hipath_event_held", fun() -> hp_event(10, held, 'HeldEvent',
        [{heldConnection, hp_conn(C1, "100")}, {holdingDevice, hp_subj("100")},
         {localConnectionInfo, hold}, {cause, consultation}, Ext("120210")]) end},
     {"hipath_event_retrieved", fun() -> hp_event(11, retrieved, 'RetrievedEvent',
        [{retrievedConnection, hp_conn(C1, "100")}, {retrievingDevice, hp_subj("100")},
         {localConnectionInfo, connected}, {cause, normal}, Ext("120230")]) end},
     {"hipath_event_transferred", fun() -> hp_event(12, transferred, 'TransferredEvent',
        [{primaryOldCall, hp_conn(C1, "100")}, {secondaryOldCall, hp_conn(C3, "100")},
         {transferringDevice, hp_subj("100")}, {transferredToDevice, hp_subj("300")},
         {transferredConnections,
            [rec('ConnectionList_SEQOF', [{newConnection, hp_conn(C3, "200")}, {oldConnection, hp_conn(C1, "200")},
                                          {endpoint, {deviceID, hp_dev("200")}}]),
             rec('ConnectionList_SEQOF', [{newConnection, hp_conn(C3, "300")}, {endpoint, {deviceID, hp_dev("300")}}])]},
         {localConnectionInfo, null}, {cause, transfer}, Ext("120300")]) end},
     {"hipath_event_conferenced", fun() -> hp_event(13, conferenced, 'ConferencedEvent',
        [{primaryOldCall, hp_conn(C1, "100")}, {secondaryOldCall, hp_conn(C3, "100")},
         {conferencingDevice, hp_subj("100")}, {addedParty, hp_subj("300")},
         {conferenceConnections,
            [rec('ConnectionList_SEQOF', [{newConnection, hp_conn(C1, "100")}, {endpoint, {deviceID, hp_dev("100")}}]),
             rec('ConnectionList_SEQOF', [{newConnection, hp_conn(C1, "200")}, {endpoint, {deviceID, hp_dev("200")}}]),
             rec('ConnectionList_SEQOF', [{newConnection, hp_conn(C1, "300")}, {oldConnection, hp_conn(C3, "300")},
                                          {endpoint, {deviceID, hp_dev("300")}}])]},
         {localConnectionInfo, connected}, {cause, conference}, Ext("120400")]) end},
     {"hipath_event_diverted", fun() -> hp_event(14, diverted, 'DivertedEvent',
        [{connection, hp_conn(C2, "100")}, {divertingDevice, hp_subj("100")}, {newDestination, hp_subj("400")},
         {callingDevice, hp_subj("200")}, {calledDevice, hp_subj("100")},
         {lastRedirectionDevice, {numberdialed, hp_dev("100")}}, {localConnectionInfo, null},
         {cause, callForwardNoAnswer}, Ext("120500")]) end},
     {"hipath_event_failed", fun() -> hp_event(15, failed, 'FailedEvent',
        [{failedConnection, hp_conn(C3, "100")}, {failingDevice, hp_subj("300")}, {callingDevice, hp_subj("100")},
         {calledDevice, hp_subj("300")}, {lastRedirectionDevice, {notKnown, 'NULL'}},
         {localConnectionInfo, fail}, {cause, busy}, Ext("120600")]) end},
     {"hipath_res_monitorStart", fun() -> hp_result(1, 71,
        rec('MonitorStartResult', [{crossRefIdentifier, <<0, 1>>}])) end},
     {"hipath_res_monitorStart_ext", fun() -> hp_result(3, 71,
        rec('MonitorStartResult', [{crossRefIdentifier, <<0, 2>>}, {monitorExistingCalls, true},
                                   {extensions, hp_ext("20100916120700")}])) end},
     {"hipath_res_makeCall", fun() -> hp_result(20, 10,
        rec('MakeCallResult', [{callingDevice, hp_conn(C3, "100")}, {extensions, hp_ext("20100916120800")}])) end},
     {"hipath_res_consultationCall", fun() -> hp_result(21, 7,
        rec('ConsultationCallResult', [{initiatedCall, hp_conn(<<0, 16#2b>>, "100")},
                                       {extensions, hp_ext("20100916120900")}])) end},
     {"hipath_res_snapshotDevice", fun() -> hp_result(22, 74,
        rec('SnapshotDeviceResult', [{crossRefIDorSnapshotData, {snapshotData,
            [rec('SnapshotDeviceResponseInfo', [{connectionIdentifier, hp_conn(C1, "100")},
                                                {localCallState, {compoundCallState, [connected, connected]}}]),
             rec('SnapshotDeviceResponseInfo', [{connectionIdentifier, hp_conn(C3, "100")},
                                                {localCallState, {compoundCallState, [hold, connected]}}])]}},
            {extensions, hp_ext("20100916121000")}])) end},
     {"hipath_res_snapshotDevice_idle", fun() -> hp_result(23, 74,
        rec('SnapshotDeviceResult', [{crossRefIDorSnapshotData, {snapshotData, []}},
                                     {extensions, hp_ext("20100916121100")}])) end}].
