<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DatasetBrowser</name>
    <message numerus="yes">
        <source>{dataset} {split}: %n image(s)</source>
        <translation>
            <numerusform>{dataset} {split}: %n image</numerusform>
            <numerusform>{dataset} {split}: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>predicting %n image(s) with {name}…</source>
        <translation>
            <numerusform>predicting %n image with {name}…</numerusform>
            <numerusform>predicting %n images with {name}…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>exported %n sample(s) of My handwriting to {file}</source>
        <translation>
            <numerusform>exported %n sample of My handwriting to {file}</numerusform>
            <numerusform>exported %n samples of My handwriting to {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the zip&apos;s samples are already in My handwriting with another label. Give them the zip&apos;s labels?</source>
        <translation>
            <numerusform>%n of the zip&apos;s samples is already in My handwriting with another label. Give it the zip&apos;s label?</numerusform>
            <numerusform>%n of the zip&apos;s samples are already in My handwriting with another label. Give them the zip&apos;s labels?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported %n sample(s) ({same} already here)</source>
        <translation>
            <numerusform>imported %n sample ({same} already here)</numerusform>
            <numerusform>imported %n samples ({same} already here)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable file(s) skipped</source>
        <translation>
            <numerusform>%n unreadable file skipped</numerusform>
            <numerusform>%n unreadable files skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message numerus="yes">
        <source>{name}: its %n learned {size}x{size} kernel(s), {per}; scale ±{scale}</source>
        <translation>
            <numerusform>{name}: its %n learned {size}x{size} kernel, {per}; scale ±{scale}</numerusform>
            <numerusform>{name}: its %n learned {size}x{size} kernels, {per}; scale ±{scale}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}: its %n fixed {size}x{size} edge filter(s), never trained, {per}; scale ±{scale}</source>
        <translation>
            <numerusform>{name}: its %n fixed {size}x{size} edge filter, never trained, {per}; scale ±{scale}</numerusform>
            <numerusform>{name}: its %n fixed {size}x{size} edge filters, never trained, {per}; scale ±{scale}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} ({kind}): %n feature map(s), {height}x{width}</source>
        <translation>
            <numerusform>{name} ({kind}): %n feature map, {height}x{width}</numerusform>
            <numerusform>{name} ({kind}): %n feature maps, {height}x{width}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} ({kind}): %n value(s)</source>
        <translation>
            <numerusform>{name} ({kind}): %n value</numerusform>
            <numerusform>{name} ({kind}): %n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;It reads %n input map(s) through a {size}x{size} window (outlined on the input and on the layer before): {macs} multiply-adds.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;It reads %n input map through a {size}x{size} window (outlined on the input and on the layer before): {macs} multiply-adds.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;It reads %n input maps through a {size}x{size} window (outlined on the input and on the layer before): {macs} multiply-adds.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;… and %n more input map(s).&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;… and %n more input map.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;… and %n more input maps.&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>CPU (%n core(s))</source>
        <translation>
            <numerusform>CPU (%n core)</numerusform>
            <numerusform>CPU (%n cores)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunMonitor</name>
    <message numerus="yes">
        <source>training {arch} on {dataset}: {optimizer} lr {lr}, batch {batch}, %n epoch(s), device {device} -&gt; {file}</source>
        <translation>
            <numerusform>training {arch} on {dataset}: {optimizer} lr {lr}, batch {batch}, %n epoch, device {device} -&gt; {file}</numerusform>
            <numerusform>training {arch} on {dataset}: {optimizer} lr {lr}, batch {batch}, %n epochs, device {device} -&gt; {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>finished %n epoch(s): {kept}</source>
        <translation>
            <numerusform>finished %n epoch: {kept}</numerusform>
            <numerusform>finished %n epochs: {kept}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped after %n step(s): kept the {kept}</source>
        <translation>
            <numerusform>stopped after %n step: kept the {kept}</numerusform>
            <numerusform>stopped after %n steps: kept the {kept}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped at the step limit (%n step(s)): {kept}</source>
        <translation>
            <numerusform>stopped at the step limit (%n step): {kept}</numerusform>
            <numerusform>stopped at the step limit (%n steps): {kept}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeachPanel</name>
    <message numerus="yes">
        <source>saved as a {digit} in My handwriting (it has %n of them)</source>
        <translation>
            <numerusform>saved as a {digit} in My handwriting (it has %n of them)</numerusform>
            <numerusform>saved as a {digit} in My handwriting (it has %n of them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt; is selected. On %n of your digits it did not train on: {parent} {before} → &lt;b&gt;{after}&lt;/b&gt;{mnist}.</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; is selected. On %n of your digits it did not train on: {parent} {before} → &lt;b&gt;{after}&lt;/b&gt;{mnist}.</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt; is selected. On %n of your digits it did not train on: {parent} {before} → &lt;b&gt;{after}&lt;/b&gt;{mnist}.</numerusform>
        </translation>
    </message>
</context>
</TS>
